import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import type { KpiRow } from '../../domain/service-kpis.js';

/** The seed's priority limit: a major complaint is picked up within 2 h of its start. */
export const ACKNOWLEDGE_LIMIT_MS = 2 * 3_600_000;

/** Incident pick-up figures of one city (or 'ALL') and local month (SPEC §10). */
export type IncidentKpis = Pick<KpiRow, 'incidents' | 'acknowledged_2h' | 'acknowledged_2h_rate'>;

/** The figures per `city|month` key (local month of the incident's start), for joining to KPI rows. */
export async function incidentKpis(db: Database, city: string | null): Promise<Map<string, IncidentKpis>> {
  const rows = await db.all<{ city: string; month: string; incidents: number; acknowledged_2h: number }>(
    loadSql(import.meta.url, 'incident-kpis'),
    { city, limit_ms: ACKNOWLEDGE_LIMIT_MS },
  );
  return new Map(rows.map((r) => [`${r.city}|${r.month}`, withRate(r.incidents, r.acknowledged_2h)]));
}

/** The figures of a city and month that had no incident. */
export const NO_INCIDENTS: IncidentKpis = withRate(0, 0);

function withRate(incidents: number, acknowledged: number): IncidentKpis {
  const rate = incidents === 0 ? null : acknowledged / incidents;
  return { incidents, acknowledged_2h: acknowledged, acknowledged_2h_rate: rate };
}
