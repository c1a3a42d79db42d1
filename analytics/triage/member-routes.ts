import type { DuckDBConnection } from '@duckdb/node-api';
import { STICKY_ROUTES } from '../../domain/triage.js';
import { keyList } from '../../store/list-params.js';
import { isCoverage } from './coverage-marks.js';
import type { LiveProbe, LiveRoute } from './live-probe.js';
import { clusterReason } from './route-reasons.js';
import { storeRoutes, triageComplaints } from './triage-complaints.js';
import type { TriageReference } from './triage-reference.js';

const STICKY = new Set<string>(STICKY_ROUTES);

/** A stored member as the rules see it, with the route it has now. */
interface MemberRow extends LiveProbe {
  route: string | null;
}

/**
 * Re-routes the members of the incidents a live write formed or grew (`members`: complaint id →
 * incident id), as the SQL rules would (`triageComplaints`): a member that an event, a planned site or a
 * no-investment cell routes keeps that route, the others take their cluster's (SPEC §11: escalate for a
 * coverage complaint, with no plan; else priority). The reference data decides in memory where it can
 * (`TriageReference.siteRoute`, held to the SQL by property tests); the members it leaves to the SQL (an
 * event near, a distance at a hair from a boundary) go through the rules query, which costs ~30 ms to plan
 * and run at 10M complaints: the write that opens an incident is the one its alert waits for.
 * @returns how many complaints changed route.
 */
export async function routeMembers(
  conn: DuckDBConnection,
  reference: TriageReference,
  members: ReadonlyMap<string, string>,
): Promise<number> {
  const decided: { id: string; route: string; route_reason: string }[] = [];
  const asking: string[] = [];
  for (const row of await memberRows(conn, [...members.keys()])) {
    if (row.route !== null && STICKY.has(row.route)) continue;
    const site = row.lat === null ? undefined : reference.siteRoute(row);
    if (site === undefined) {
      asking.push(row.complaint_id);
      continue;
    }
    decided.push({ id: row.complaint_id, ...(site ?? clusterRoute(row.category, members.get(row.complaint_id)!)) });
  }
  const bySql = asking.length > 0 ? await triageComplaints(conn, asking) : 0;
  return bySql + (await storeRoutes(conn, decided));
}

/** The route of a member no event, plan or no-investment cell decides, with the SQL rules' reason. */
function clusterRoute(category: string, incidentId: string): LiveRoute {
  const coverage = isCoverage(category);
  return { route: coverage ? 'escalate' : 'priority', route_reason: clusterReason(incidentId, coverage) };
}

/** The members' stored rows, read through the index on complaint_id. */
async function memberRows(conn: DuckDBConnection, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const { sql, params } = keyList(ids);
  const reader = await conn.runAndReadAll(
    `SELECT complaint_id, epoch_us(received_at) AS received_us, category, lat, lon, h3, cell_id, route
     FROM complaints WHERE complaint_id IN (${sql})`,
    params,
  );
  return reader.getRowObjectsJS().map((r) => ({
    complaint_id: String(r.complaint_id),
    received_us: BigInt(r.received_us as bigint),
    category: String(r.category),
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    h3: r.h3 === null ? null : String(r.h3),
    cell_id: r.cell_id === null ? null : String(r.cell_id),
    route: r.route === null ? null : String(r.route),
  }));
}
