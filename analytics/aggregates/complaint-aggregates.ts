import { listValue, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { Params } from '../../store/database.js';
import { runPrepared } from '../../store/prepared-statements.js';
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

/** A SELECT of the complaint ids that count as cluster members (the 2 h reply limit), with its own parameters. */
export interface MembersSource {
  sql: string;
  params: Params;
  types: Record<string, DuckDBType>;
}

/** Membership as cluster_members holds it now. */
const CLUSTER_MEMBERS: MembersSource = { sql: 'cluster_members', params: {}, types: {} };

/**
 * Removes the contribution of the stored complaints `idsSql` names (call before deleting or changing them).
 * `members`: the cluster members among them when the caller knows it (else all of cluster_members).
 */
export async function subtractComplaints(
  conn: DuckDBConnection,
  idsSql: string,
  params: Params = {},
  members = CLUSTER_MEMBERS,
): Promise<void> {
  await applyStoredRows(conn, -1, storedRows(idsSql), params, {}, members);
}

/**
 * Adds the contribution of rows a write is storing, given as a SELECT with the columns of
 * `complaints` over values the caller binds (`params`, typed by `types`): the rows are not read back.
 * `members`: those of them that cluster_members holds, when the caller knows it — a write of new
 * ids knows none is a member without reading the table, which grows with history.
 */
export async function addRows(
  conn: DuckDBConnection,
  rowsSql: string,
  params: Params,
  types: Record<string, DuckDBType> = {},
  members = CLUSTER_MEMBERS,
): Promise<void> {
  // The live path runs these two upserts on every request: prepared once per connection.
  await applyStoredRows(conn, 1, rowsSql, params, types, members, (sql, p, t) => runPrepared(conn, sql, p, t));
}

/** Both aggregates straight from a cheap row source (values, a few ids' index look-ups): no staging table, no DDL. */
async function applyStoredRows(
  conn: DuckDBConnection,
  sign: 1 | -1,
  rowsSql: string,
  params: Params,
  types: Record<string, DuckDBType> = {},
  members = CLUSTER_MEMBERS,
  run: Run = (sql, p, t) => conn.run(sql, p, t),
): Promise<void> {
  const withMembers = { ...params, ...members.params };
  await applyDays(conn, sign, rowsSql, members.sql, withMembers, { ...types, ...members.types }, run);
  await applyHexagonMonths(conn, sign, rowsSql, params, types, run);
}

/** How a statement is run: at once, or prepared once per connection (`runPrepared`). */
type Run = (sql: string, params: Params, types: Record<string, DuckDBType>) => Promise<unknown>;

/**
 * Adds (`sign` 1) or subtracts (-1) the contribution of complaint rows given as any SELECT with the
 * columns of `complaints` (complaint_id, received_at, city, category, technology, h3, replied_at,
 * resolved_at, resolution, satisfied): for a write path that holds its rows in a staging table.
 * Their cluster membership is read from `cluster_members` as it stands.
 */
export async function applyComplaintRows(
  conn: DuckDBConnection,
  sign: 1 | -1,
  rowsSql: string,
  params: Params = {},
): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE agg_delta_rows AS ${rowsSql}`, params);
  await applyStoredRows(conn, sign, 'SELECT * FROM agg_delta_rows', {});
  await conn.run('DROP TABLE agg_delta_rows');
}

async function applyHexagonMonths(
  conn: DuckDBConnection,
  sign: 1 | -1,
  rowsSql: string,
  params: Params,
  types: Record<string, DuckDBType>,
  run: Run = (sql, p, t) => conn.run(sql, p, t),
): Promise<void> {
  await run(
    `INSERT INTO agg_hexagon_months
     SELECT h3, strftime(received_at, '%Y-%m'), city, $sign::BIGINT * count(*)
     FROM (${rowsSql}) WHERE h3 IS NOT NULL GROUP BY ALL
     ON CONFLICT DO UPDATE SET complaints = complaints + excluded.complaints`,
    { ...params, sign },
    types,
  );
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
 * members; its parameters in `beforeParams`) to the one they have now.
 */
export async function onMembershipChange(
  conn: DuckDBConnection,
  changedIdsSql: string,
  membersBefore: string,
  params: Params = {},
  beforeParams: Params = {},
): Promise<void> {
  await applyDays(conn, -1, storedRows(changedIdsSql), membersBefore, { ...params, ...beforeParams });
  await applyDays(conn, 1, storedRows(changedIdsSql), 'cluster_members', params);
}

/**
 * `onMembershipChange` for a write that knows every membership it touched (the live path's local
 * refresh): `before` are the members of the incidents it deleted, `after` those of the incidents it
 * wrote; a complaint in exactly one of them joined or left a cluster. No snapshot of cluster_members.
 */
export async function onMembersMoved(
  conn: DuckDBConnection,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  const [was, is] = [new Set(before), new Set(after)];
  const moved = [...was].filter((id) => !is.has(id)).concat([...is].filter((id) => !was.has(id)));
  if (moved.length === 0) return;
  // A few ids are probed through the index; many are one join.
  const probes = moved.length <= 256;
  const params: Params = probes ? Object.fromEntries(moved.map((id, i) => [`m${i}`, id])) : { moved: listValue(moved) };
  const members =
    was.size === 0 ? 'SELECT NULL::VARCHAR AS complaint_id WHERE false' : 'SELECT unnest($was) AS complaint_id';
  const ids = probes ? moved.map((_, i) => `$m${i}`).join(', ') : 'SELECT unnest($moved)';
  await onMembershipChange(conn, ids, members, params, was.size === 0 ? {} : { was: listValue([...was]) });
}

function storedRows(idsSql: string): string {
  return `SELECT * FROM complaints WHERE complaint_id IN (${idsSql})`;
}

/** Upserts the per-day counts of `rowsSql`, judged with membership from `members`, times `sign`. */
async function applyDays(
  conn: DuckDBConnection,
  sign: 1 | -1,
  rowsSql: string,
  members: string,
  params: Params = {},
  types: Record<string, DuckDBType> = {},
  run: Run = (sql, p, t) => conn.run(sql, p, t),
): Promise<void> {
  const from = /^\s*select/i.test(members) ? `(${members})` : members;
  await run(
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
    { ...params, sign, ...LIMITS },
    types,
  );
}
