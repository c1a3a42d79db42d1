import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../store/database.js';
import { ingest, KIND_TOPICS, type IngestRequest, type IngestSummary } from '../../ingest/ingest.js';
import {
  ingestLive,
  type ComplaintPlace,
  type LiveRequest,
  type LiveWrite,
  type RouteRows,
} from '../../ingest/live-ingest.js';
import { recordWriteEvents, type KnownNewest } from '../../analytics/alerts/event-log.js';
import { onMembersMoved, trackMembership } from '../../analytics/aggregates/complaint-aggregates.js';
import { AggregateDeltas } from '../../analytics/aggregates/aggregate-deltas.js';
import { NO_INCIDENT_CHANGE } from '../../analytics/clusters/incidents/incident-change.js';
import { refreshIncidents } from '../../analytics/clusters/incidents/refresh-incidents.js';
import { refreshAround } from '../../analytics/clusters/incidents/refresh-around.js';
import { RecentComplaints, type RecentChange } from '../../analytics/clusters/incidents/recent-complaints.js';
import { HeldState, type StateTaken } from '../../store/held-state.js';
import { StoredIds } from '../../ingest/live-stored-ids.js';
import { perDatabase } from '../../store/per-database.js';
import { warmUpOf } from './warm-up.js';
import type { IncidentEvent, StoredEvent } from '../../domain/incident-event.js';
import type { Incident } from '../../domain/incident.js';
import type { WriteChange } from './write-change.js';
import { LiveChangeSpans } from './live-change-spans.js';
import type { InputKind } from '../../domain/enums.js';
import { routeIncoming, triageWritten, type WrittenComplaints } from '../../analytics/triage/triage-complaints.js';
import { routeMembers } from '../../analytics/triage/member-routes.js';
import { routeLive } from '../../analytics/triage/live-routes.js';
import { TriageReference } from '../../analytics/triage/triage-reference.js';
import {
  HeldCoverageMarks,
  isCoverage,
  type CoverageMark,
  type CoverageMarks,
  type MarksTaken,
} from '../../analytics/triage/coverage-marks.js';

export type { IncidentEvent };

export type IngestOutcome = IngestSummary & { events: StoredEvent[]; change: WriteChange };

/** An ingest request as the service takes it; `triage: false` stores complaints unrouted (benchmarks compare). */
export type ServiceRequest = Omit<IngestRequest, 'afterComplaints' | 'routeIncoming'> & { triage?: boolean };

/**
 * Ingests a file or request body and, in the same transaction, re-detects the incidents the
 * written complaints can touch (over the time range they span, keeping the aggregates in step) and
 * runs the steps after a write (the durable alert log, then triage); returns the stored events.
 */
export async function ingestFile(db: Database, request: ServiceRequest): Promise<IngestOutcome> {
  let change: WriteChange | undefined;
  let events: StoredEvent[] = [];
  const { triage = true, ...rest } = request;
  const summary = await ingest(db, {
    ...rest,
    ...(triage ? { routeIncoming } : {}),
    afterComplaints: async (conn, range) => {
      // Cluster membership sets the 2 h reply limit: the KPI aggregates follow it.
      const refresh = () => refreshIncidents(conn, range.from, range.to);
      const incidents = await trackMembership(conn, refresh, range.runId);
      change = { kind: 'file', input: request.kind, runId: range.runId, incidents };
      const written = writtenBy(request.kind, range.runId);
      events = await afterWrite(conn, change, triage ? () => triageWritten(conn, written) : undefined);
    },
  });
  // A server holding coverage marks and recent complaints reloads them now, in the background, so no
  // live write waits for them (the id filter reloads when the next live write finds it behind).
  if (KIND_TOPICS[request.kind].includes('complaints')) {
    for (const held of [marksHeld.held(db), recentHeld.held(db)]) void held?.reload();
  }
  const done = change ?? { kind: 'file', input: request.kind, runId: summary.run_id, incidents: NO_INCIDENT_CHANGE };
  return { ...summary, events, change: done };
}

/**
 * Writes a live batch of complaints (`POST /v1/complaints`) in one transaction: rows judged, routed
 * and written in process (ingest/live-ingest.ts), incidents re-detected only around the complaints
 * written or replaced, the KPI aggregates moved for exactly the memberships that changed, then the
 * steps after a write (triage again only when a written complaint is in an incident). Its cost
 * follows the batch, not the history.
 * @throws CellpulseError refused_file when no item carries a required field (nothing is written).
 */
export async function ingestComplaints(db: Database, request: LiveRequest): Promise<IngestOutcome> {
  let wrote: LiveWrite | undefined;
  let taken: MarksTaken | undefined;
  let folded = false;
  /** Delta rows the membership moves appended (after any fold of the write). */
  let movedRows = 0;
  let spans: LiveChangeSpans | undefined;
  let region: { taken: StateTaken<RecentComplaints>; change?: RecentChange } | undefined;
  let ids: StateTaken<StoredIds> | undefined;
  return db.write(
    async (conn) => {
      const triage = request.triage ?? true;
      spans = await LiveChangeSpans.start(db, conn);
      region = { taken: recentOf(db).takeState() };
      ids = storedIdsOf(db).takeState();
      // Held marks follow every live write, routed or not: a write without triage must not make the next reload them.
      taken = heldMarksOf(db).take();
      const routes = triage ? liveRoutes(db, taken.marks) : undefined;
      const live = await ingestLive(conn, db.settings, request, routes, ids.state);
      wrote = live;
      folded = await AggregateDeltas.of(db).foldIfDue(conn, live.aggregateRows);
      region.change = recentChangeOf(live);
      const local = await refreshAround(conn, live.written, live.replaced, region.taken.state?.with(region.change));
      await spans.written(conn, live, local.change);
      // Cluster membership sets the 2 h reply limit: the KPI aggregates follow it.
      movedRows = await onMembersMoved(conn, local.membersBefore, local.membersAfter);
      const complaintIds = live.written.map((c) => c.complaint_id);
      const runId = live.summary.run_id;
      const change: WriteChange = { kind: 'live', input: 'complaints', runId, complaintIds, incidents: local.change };
      // Every written row was routed before the insert: only the members of an incident it is in move on.
      const clustered = triage && complaintIds.some((id) => local.clustered.has(id));
      const retriage = clustered
        ? async () => routeMembers(conn, await referenceOf(db, conn), local.clustered)
        : undefined;
      const events = await afterWrite(conn, change, retriage, spans.closingCheck());
      return { ...live.summary, events, change };
    },
    {
      touches: KIND_TOPICS.complaints,
      changed: () => spans?.spans() ?? {},
      settings: () => spans?.settingsToStore() ?? {},
      afterCommit: () => {
        spans?.committed();
        if (taken && wrote) keepMarks(db, taken, wrote);
        if (wrote) AggregateDeltas.of(db).committed(wrote.aggregateRows + movedRows, folded, movedRows);
        if (region?.change) recentOf(db).committedLive(region.taken.prior, region.change);
        if (ids && wrote) storedIdsOf(db).committedLive(ids.prior, wrote.written);
      },
    },
  );
}

/**
 * Loads what the live path holds in memory (triage's reference data, the coverage marks, the recent
 * complaints) in the writer's queue: the POSTs that arrive meanwhile wait once for it, rather than each
 * counting weak coverage in SQL while the marks load. Then the stored-id filter, on a reader connection
 * (until it is held a write looks its ids up in the index). Nothing is written; `/readyz` shows the steps.
 */
export async function warmLivePath(db: Database): Promise<void> {
  const warmUp = warmUpOf(db);
  try {
    await warmUp.run('live_path', () =>
      db.write(
        async (conn) => {
          await referenceOf(db, conn);
          await heldMarksOf(db).loadInWriter(conn);
          await recentOf(db).loadInWriter(conn);
        },
        { dataChange: false },
      ),
    );
  } finally {
    // After a failed step too: the filter only saves look-ups, and the first scan waits for both steps.
    await warmUp.run('stored_ids', () => storedIdsOf(db).reload());
  }
}

/** Per database, the recent located complaints live writes read their detection regions from. */
const recentHeld = perDatabase(
  (db) =>
    new HeldState<RecentComplaints, RecentChange>(
      db,
      (conn) => RecentComplaints.load(conn),
      (state, change) => state.apply(change),
    ),
);
const recentOf = recentHeld.of;

/** A live write's change of the located complaints (none before 1970: their epoch ms are truncated, not floored). */
function recentChangeOf(live: LiveWrite): RecentChange {
  const added = live.written.flatMap(({ complaint_id, category, h3, t, us, city, lat, lon }) =>
    h3 === null || lat === null || lon === null || us < 0n ? [] : [{ complaint_id, category, h3, t, city, lat, lon }],
  );
  return { added, removed: new Set(live.replaced.map((p) => p.complaint_id)) };
}

/** Per database, a filter of the stored complaint ids: a live batch looks up only the ids it may hold. */
const storedIdsOf = perDatabase(
  (db) =>
    new HeldState<StoredIds, readonly ComplaintPlace[]>(
      db,
      (conn) => StoredIds.load(conn, (share) => warmUpOf(db).progress('stored_ids', share)),
      (filter, written) => written.forEach((p) => filter.add(p.complaint_id)),
    ),
).of;

/** Per database, the stored coverage complaints' marks, kept in step with every write. */
const marksHeld = perDatabase((db) => new HeldCoverageMarks(db));
const heldMarksOf = marksHeld.of;

/** Right after a live write commits: its coverage rows join the marks, those it replaced leave. */
function keepMarks(db: Database, taken: MarksTaken, live: LiveWrite): void {
  heldMarksOf(db).afterLiveWrite(taken, coverageMarksOf(live.written), coverageMarksOf(live.replaced));
}

/** The marks of the located coverage complaints among `places`. */
function coverageMarksOf(places: readonly ComplaintPlace[]): CoverageMark[] {
  return places.filter((p) => p.h3 !== null && isCoverage(p.category)).map((p) => ({ h3: p.h3!, us: p.us }));
}

/** Per database, the triage's reference data and the version of sites and events it was read at. */
const references = new WeakMap<Database, { version: string; reference: TriageReference }>();

/**
 * The live path's triage: routes before the insert, the reference data reread only when sites or
 * events changed, weak coverage counted on the coverage marks held before this write.
 */
function liveRoutes(db: Database, marks: CoverageMarks | undefined): RouteRows {
  return async (conn, rows, replaced) => {
    const reference = await referenceOf(db, conn);
    if (!marks) return routeLive(conn, reference, rows);
    return routeLive(conn, reference, rows, { marks, replaced: coverageMarksOf(replaced) });
  };
}

async function referenceOf(db: Database, conn: DuckDBConnection): Promise<TriageReference> {
  const version = db.versionOf(['sites', 'events']);
  let held = references.get(db);
  if (held?.version !== version) {
    held = { version, reference: await TriageReference.load(conn) };
    references.set(db, held);
  }
  return held.reference;
}

/**
 * The steps every write runs inside its transaction once its incidents are refreshed, in this
 * order: the durable event log (alerts), then `triage` (the write's complaints and the members of
 * their incidents; none: nothing left to route, as after a live write that joined no cluster, or not
 * asked). A step that throws rolls the whole write back.
 */
async function afterWrite(
  conn: DuckDBConnection,
  change: WriteChange,
  triage?: () => Promise<unknown>,
  known?: KnownNewest,
): Promise<StoredEvent[]> {
  const events = await recordWriteEvents(conn, change.incidents, known);
  await triage?.();
  return events;
}

/** The incidents a write raised or grew (SPEC §8), each once in its latest state; closings left out. */
export function raisedOrUpdated(events: readonly IncidentEvent[]): Incident[] {
  const byId = new Map<string, Incident>();
  for (const { type, incident } of events) {
    if (type === 'incident.opened' || type === 'incident.updated') byId.set(incident.incident_id, incident);
  }
  return [...byId.values()];
}

/** The complaints an ingest stored (complaints) or moved to their cell's new site (sites). */
function writtenBy(kind: InputKind, runId: number): WrittenComplaints {
  if (kind === 'sites') {
    const where = `c.located_by = 'cell' AND c.cell_id IN (SELECT cell_id FROM cell_sites WHERE run_id = $run)`;
    return { where, params: { run: runId } };
  }
  // A file's complaints were routed as they were inserted, by every rule but the cluster's.
  return { where: 'c.run_id = $run', params: { run: runId }, routedNow: true };
}
