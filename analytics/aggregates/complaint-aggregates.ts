import type { DuckDBConnection } from '@duckdb/node-api';
import type { Params } from '../../store/database.js';
import { DEFAULT_CLUSTER_REPLY_LIMIT_HOURS, DEFAULT_REPLY_LIMIT_HOURS } from '../kpis/service-kpis.js';

/**
 * Delta maintenance of the aggregate tables of migration 004 (`agg_complaint_days`,
 * `agg_hexagon_months`): a write subtracts the contribution of the complaint rows it is about to
 * replace or change and adds the contribution of the rows it wrote, on its own connection and
 * inside its own transaction, so the aggregates equal a full recomputation at every data version.
 *
 * Row sources are SQL: `idsSql` is a SELECT of one column of complaint ids (e.g. `SELECT row_key
 * FROM valid_keys WHERE existed`); its rows are read from `complaints` as they stand when called.
 */

const HOUR_MS = 3_600_000;
const LIMITS = {
  reply_limit_ms: DEFAULT_REPLY_LIMIT_HOURS * HOUR_MS,
  cluster_reply_limit_ms: DEFAULT_CLUSTER_REPLY_LIMIT_HOURS * HOUR_MS,
};

/** Removes the contribution of the stored complaints `idsSql` names (call before deleting or changing them). */
export async function subtractComplaints(conn: DuckDBConnection, idsSql: string, params: Params = {}): Promise<void> {
  await applyComplaintRows(conn, -1, storedRows(idsSql), params);
}

/** Adds the contribution of the stored complaints `idsSql` names (call after inserting or changing them). */
export async function addComplaints(conn: DuckDBConnection, idsSql: string, params: Params = {}): Promise<void> {
  await applyComplaintRows(conn, 1, storedRows(idsSql), params);
}

/**
 * Adds (`sign` 1) or subtracts (-1) the contribution of complaint rows given as any SELECT with the
 * columns of `complaints` (complaint_id, received_at, city, category, technology, h3, replied_at,
 * resolved_at, resolution, satisfied): for a write path that holds its rows in a staging table.
 * Their cluster membership is read from `cluster_members` as it stands.
 */
export async function applyComplaintRows(
  conn: DuckDBConnection, sign: 1 | -1, rowsSql: string, params: Params = {},
): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE agg_delta_rows AS ${rowsSql}`, params);
  await applyDays(conn, sign, 'SELECT * FROM agg_delta_rows', 'cluster_members');
  await conn.run(
    `INSERT INTO agg_hexagon_months
     SELECT h3, strftime(received_at, '%Y-%m'), city, $sign::BIGINT * count(*)
     FROM agg_delta_rows WHERE h3 IS NOT NULL GROUP BY ALL
     ON CONFLICT DO UPDATE SET complaints = complaints + excluded.complaints`,
    { sign },
  );
  await conn.run('DROP TABLE agg_delta_rows');
}

/**
 * Keeps the KPI aggregates in step with a change of cluster membership (the 2 h reply limit):
 * snapshots `cluster_members`, runs `change` (an incident refresh), then moves the complaints that
 * joined or left a cluster from their old limit to their new one. Returns what `change` returned.
 */
export async function trackMembership<T>(conn: DuckDBConnection, change: () => Promise<T>): Promise<T> {
  await conn.run('CREATE OR REPLACE TEMP TABLE agg_members_before AS SELECT complaint_id FROM cluster_members');
  const result = await change();
  await conn.run(`CREATE OR REPLACE TEMP TABLE agg_members_moved AS
    (SELECT complaint_id FROM cluster_members EXCEPT SELECT complaint_id FROM agg_members_before)
    UNION ALL (SELECT complaint_id FROM agg_members_before EXCEPT SELECT complaint_id FROM cluster_members)`);
  // Most writes change no membership: then the complaints are not read at all.
  const moved = (await conn.runAndReadAll('SELECT count(*) FROM agg_members_moved')).getRowsJS()[0]?.[0];
  if (Number(moved) > 0) {
    await onMembershipChange(conn, 'SELECT complaint_id FROM agg_members_moved', 'agg_members_before');
  }
  await conn.run('DROP TABLE agg_members_before; DROP TABLE agg_members_moved');
  return result;
}

/**
 * Moves the complaints `changedIdsSql` names (those that joined or left `cluster_members`) from
 * the reply limit they had under `membersBefore` (a table or SELECT of the complaint ids that were
 * members) to the one they have now. For a write path that knows exactly what it changed.
 */
export async function onMembershipChange(
  conn: DuckDBConnection, changedIdsSql: string, membersBefore: string, params: Params = {},
): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE agg_moved_rows AS ${storedRows(changedIdsSql)}`, params);
  await applyDays(conn, -1, 'SELECT * FROM agg_moved_rows', membersBefore);
  await applyDays(conn, 1, 'SELECT * FROM agg_moved_rows', 'cluster_members');
  await conn.run('DROP TABLE agg_moved_rows');
}

function storedRows(idsSql: string): string {
  return `SELECT * FROM complaints WHERE complaint_id IN (${idsSql})`;
}

/** Upserts the per-day counts of `rowsSql`, judged with membership from `members`, times `sign`. */
async function applyDays(conn: DuckDBConnection, sign: 1 | -1, rowsSql: string, members: string): Promise<void> {
  const from = /^\s*select/i.test(members) ? `(${members})` : members;
  await conn.run(
    `INSERT INTO agg_complaint_days
     SELECT city, technology, category, strftime(received_at, '%Y-%m-%d') AS day,
       $sign::BIGINT * count(*),
       $sign::BIGINT * count(*) FILTER (WHERE on_time),
       $sign::BIGINT * count(*) FILTER (WHERE is_resolved),
       $sign::BIGINT * count(*) FILTER (WHERE on_time AND is_resolved AND satisfied IS DISTINCT FROM false),
       $sign::BIGINT * count(satisfied),
       $sign::BIGINT * count(*) FILTER (WHERE satisfied)
     FROM (
       SELECT r.*,
         coalesce(epoch_ms(r.replied_at) <= epoch_ms(r.received_at) + CASE WHEN m.complaint_id IS NULL
           THEN $reply_limit_ms::BIGINT ELSE $cluster_reply_limit_ms::BIGINT END, false) AS on_time,
         r.resolved_at IS NOT NULL AND r.resolution IS DISTINCT FROM 'unresolved' AS is_resolved
       FROM (${rowsSql}) r LEFT JOIN (SELECT DISTINCT complaint_id FROM ${from}) m USING (complaint_id)
     )
     GROUP BY ALL
     ON CONFLICT DO UPDATE SET complaints = complaints + excluded.complaints, on_time = on_time + excluded.on_time,
       resolved = resolved + excluded.resolved, compliant = compliant + excluded.compliant,
       surveyed = surveyed + excluded.surveyed, satisfied = satisfied + excluded.satisfied`,
    { sign, ...LIMITS },
  );
}
