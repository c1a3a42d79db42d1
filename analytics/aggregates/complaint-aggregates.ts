import { BIGINT, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { Params } from '../../store/database.js';
import { keyList, listParams, type ListColumn } from '../../store/list-params.js';
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
 * What one complaint row counts for in the aggregates, as `COUNTED_COLUMNS` selects it from a row
 * with the columns of `complaints`: its keys as DuckDB writes them in the database's zone, and its
 * flags under each reply limit (`_member`: the 2 h limit of a complaint in a cluster).
 */
export interface CountedRow {
  city: string;
  technology: string;
  category: string;
  h3: string | null;
  day: string;
  month: string;
  on_time: boolean;
  on_time_member: boolean;
  is_resolved: boolean;
  compliant: boolean;
  compliant_member: boolean;
  satisfied: boolean | null;
}

/**
 * The one definition of what a row counts for (SPEC §4), over a row of `complaints`. The limits are
 * the code's constants written as integers: a RETURNING clause, which reads these too, takes no parameters.
 */
export const COUNTED_COLUMNS = countedColumns(`strftime(received_at, '%Y-%m-%d')`, `strftime(received_at, '%Y-%m')`);

/** `COUNTED_COLUMNS` with the local day and month of each row given as expressions. */
function countedColumns(day: string, month: string): string {
  const onTime = (limitMs: number): string =>
    `coalesce(epoch_ms(replied_at) <= epoch_ms(received_at) + ${Math.trunc(limitMs)}, false)`;
  const resolved = `resolved_at IS NOT NULL AND resolution IS DISTINCT FROM 'unresolved'`;
  const compliant = (limitMs: number): string =>
    `${onTime(limitMs)} AND ${resolved} AND satisfied IS DISTINCT FROM false`;
  return `city, technology, category, h3, ${day} AS day, ${month} AS month,
    ${onTime(LIMITS.reply_limit_ms)} AS on_time, ${onTime(LIMITS.cluster_reply_limit_ms)} AS on_time_member,
    ${resolved} AS is_resolved, ${compliant(LIMITS.reply_limit_ms)} AS compliant,
    ${compliant(LIMITS.cluster_reply_limit_ms)} AS compliant_member, satisfied`;
}

/** Counted columns over `withLocalKeys` rows: the local day and month looked up, not formatted per row. */
const KEYED_COUNTED_COLUMNS = countedColumns('local_day', 'local_month');

/** A span of received_at whose rows share their local day and month (when no midnight or zone change falls inside). */
const SPAN_US = 900_000_000;
const spanOf = (t: string): string => `CASE WHEN epoch_us(${t}) >= 0 THEN epoch_us(${t}) // ${SPAN_US} END`;

/**
 * The rows of `rowsSql` with their local day and month in the session's zone (`local_day`, `local_month`), exactly
 * as strftime gives them: formatted once per 15-minute span of received_at that holds rows (a million rows of a month
 * fall in ~3,000), and per row only in a span where the zone's offset changes or a day ends (never, at whole-hour
 * offsets) or before 1970. strftime on a TIMESTAMPTZ costs ~0.3 s of CPU per million rows and call.
 */
export function withLocalKeys(rowsSql: string): string {
  const start = `to_timestamp(span * ${SPAN_US / 1_000_000})`;
  const end = `${start} + INTERVAL ${SPAN_US - 1} MICROSECONDS`;
  const sameDay = `strftime(s, '%Y-%m-%d') = strftime(e, '%Y-%m-%d')`;
  const spans = `SELECT span, CASE WHEN whole THEN strftime(s, '%Y-%m-%d') END AS day,
      CASE WHEN whole THEN strftime(s, '%Y-%m') END AS month
    FROM (SELECT span, s, epoch_us(e::TIMESTAMP) - epoch_us(s::TIMESTAMP) = ${SPAN_US - 1} AND ${sameDay} AS whole
      FROM (SELECT span, ${start} AS s, ${end} AS e
        FROM (SELECT DISTINCT ${spanOf('received_at')} AS span FROM (${rowsSql}))))`;
  return `SELECT r.*, coalesce(k.day, strftime(r.received_at, '%Y-%m-%d')) AS local_day,
      coalesce(k.month, strftime(r.received_at, '%Y-%m')) AS local_month
    FROM (${rowsSql}) r LEFT JOIN (${spans}) k ON k.span = ${spanOf('r.received_at')}`;
}

/** A complaint row in hand (times in epoch µs), as a live write holds it before storing it. */
export interface RowInHand {
  city: string;
  technology: string;
  category: string;
  h3: string | null;
  received_us: bigint;
  replied_us: bigint | null;
  resolved_us: bigint | null;
  resolution: string | null;
  satisfied: boolean | null;
}

/**
 * What a row in hand counts for: `COUNTED_COLUMNS` worked out in process (planning those columns in a
 * RETURNING clause costs a live write about a millisecond). `day` is the local day DuckDB gives its
 * received_at in the database's zone (the zone's rules stay DuckDB's); the month is its prefix, as
 * `%Y-%m` is of `%Y-%m-%d`. Epoch ms are truncated towards zero, as DuckDB's epoch_ms and BigInt division.
 */
export function countedOf(row: RowInHand, day: string): CountedRow {
  const onTime = (limitMs: number): boolean =>
    row.replied_us !== null && row.replied_us / 1000n <= row.received_us / 1000n + BigInt(Math.trunc(limitMs));
  const isResolved = row.resolved_us !== null && row.resolution !== 'unresolved';
  const compliant = (limitMs: number): boolean => onTime(limitMs) && isResolved && row.satisfied !== false;
  return {
    city: row.city,
    technology: row.technology,
    category: row.category,
    h3: row.h3,
    day,
    month: day.slice(0, 7),
    on_time: onTime(LIMITS.reply_limit_ms),
    on_time_member: onTime(LIMITS.cluster_reply_limit_ms),
    is_resolved: isResolved,
    compliant: compliant(LIMITS.reply_limit_ms),
    compliant_member: compliant(LIMITS.cluster_reply_limit_ms),
    satisfied: row.satisfied,
  };
}

/** A counted row added (1) or taken away (-1), and whether it counts as a cluster member. */
export interface CountedChange {
  row: CountedRow;
  sign: 1 | -1;
  member: boolean;
}

/**
 * Applies counted rows the caller already holds (a live write reads them with its key look-up and
 * its insert): grouped here and appended to the delta table of migration 010 (a plain insert: no
 * key to probe, no conflict to resolve), which `foldAggregateDeltas` sums into the aggregates later.
 * Returns how many delta rows it appended.
 */
export async function applyCounted(conn: DuckDBConnection, changes: readonly CountedChange[]): Promise<number> {
  const days = new Map<string, [CountedRow, number[]]>();
  const hexes = new Map<string, [CountedRow, number]>();
  for (const { row, sign, member } of changes) {
    const onTime = member ? row.on_time_member : row.on_time;
    const compliant = member ? row.compliant_member : row.compliant;
    const flags = [1, +onTime, +row.is_resolved, +compliant, +(row.satisfied !== null), +(row.satisfied === true)];
    const dayKey = [row.city, row.technology, row.category, row.day].join('\u0000');
    const day = days.get(dayKey) ?? [row, [0, 0, 0, 0, 0, 0]];
    flags.forEach((f, i) => (day[1][i]! += sign * f));
    days.set(dayKey, day);
    if (row.h3 === null) continue;
    const hexKey = [row.h3, row.month, row.city].join('\u0000');
    hexes.set(hexKey, [row, (hexes.get(hexKey)?.[1] ?? 0) + sign]);
  }
  const dayRows = [...days.values()].filter(([, n]) => n.some((x) => x !== 0));
  const hexRows = [...hexes.values()].filter(([, n]) => n !== 0);
  await appendDeltas(conn, dayRows, hexRows);
  return dayRows.length + hexRows.length;
}

/** The counts of agg_complaint_days, in column order. */
export const DAY_COUNTS = ['complaints', 'on_time', 'resolved', 'compliant', 'surveyed', 'satisfied'] as const;

/** The conflict clause that adds a row's day counts to the stored ones (upserts and the fold of the deltas). */
export const ADD_DAY_COUNTS = `ON CONFLICT DO UPDATE SET ${DAY_COUNTS.map((n) => `${n} = ${n} + excluded.${n}`).join(
  ', ',
)}`;

/** Appends the day rows and hexagon-month rows to agg_deltas (migration 010) in one statement. */
async function appendDeltas(
  conn: DuckDBConnection,
  days: readonly [CountedRow, number[]][],
  hexes: readonly [CountedRow, number][],
): Promise<void> {
  if (days.length === 0 && hexes.length === 0) return;
  const counts = DAY_COUNTS.map((name, i) => [name, [([, n]: [CountedRow, number[]]) => BigInt(n[i]!), BIGINT]]);
  const day = listParams(days, {
    cities: [([r]) => r.city, VARCHAR],
    technologies: [([r]) => r.technology, VARCHAR],
    categories: [([r]) => r.category, VARCHAR],
    days: [([r]) => r.day, VARCHAR],
    ...(Object.fromEntries(counts) as Record<string, ListColumn<[CountedRow, number[]]>>),
  });
  const hex = listParams(hexes, {
    hexes: [([r]) => r.h3, VARCHAR],
    months: [([r]) => r.month, VARCHAR],
    hex_cities: [([r]) => r.city, VARCHAR],
    hex_counts: [([, n]) => BigInt(n), BIGINT],
  });
  await runPrepared(
    conn,
    `INSERT INTO agg_deltas BY NAME
     SELECT unnest($cities) AS city, unnest($technologies) AS technology, unnest($categories) AS category,
       unnest($days) AS day, ${DAY_COUNTS.map((name) => `unnest($${name}) AS ${name}`).join(', ')}
     UNION ALL BY NAME
     SELECT unnest($hex_cities) AS city, unnest($hexes) AS h3, unnest($months) AS month,
       unnest($hex_counts) AS complaints`,
    { ...day.values, ...hex.values },
    { ...day.types, ...hex.types },
  );
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
  const keyed = withLocalKeys(rowsSql);
  const dayTypes = { ...types, ...members.types };
  await applyDays(conn, sign, keyed, members.sql, withMembers, dayTypes, run, KEYED_COUNTED_COLUMNS);
  await applyHexagonMonths(conn, sign, keyed, params, types, run);
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

/** Upserts the hexagon-month counts of `keyedRows` (rows of `withLocalKeys`), times `sign`. */
async function applyHexagonMonths(
  conn: DuckDBConnection,
  sign: 1 | -1,
  keyedRows: string,
  params: Params,
  types: Record<string, DuckDBType>,
  run: Run = (sql, p, t) => conn.run(sql, p, t),
): Promise<void> {
  await run(
    `INSERT INTO agg_hexagon_months
     SELECT h3, local_month, city, $sign::BIGINT * count(*)
     FROM (${keyedRows}) WHERE h3 IS NOT NULL GROUP BY ALL
     ON CONFLICT DO UPDATE SET complaints = complaints + excluded.complaints`,
    { ...params, sign },
    types,
  );
}

/**
 * Keeps the KPI aggregates in step with a change of cluster membership (the 2 h reply limit):
 * snapshots `cluster_members`, runs `change` (an incident refresh), then moves the complaints that
 * joined or left a cluster from their old limit to their new one. Returns what `change` returned.
 * The complaints of run `uncounted` are left alone: their rows are counted after the change (`addRows`).
 */
export async function trackMembership<T>(
  conn: DuckDBConnection,
  change: () => Promise<T>,
  uncounted: number,
): Promise<T> {
  await conn.run('CREATE OR REPLACE TEMP TABLE agg_members_before AS SELECT complaint_id FROM cluster_members');
  const result = await change();
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE agg_members_moved AS
    SELECT complaint_id FROM (
      (SELECT complaint_id FROM cluster_members EXCEPT SELECT complaint_id FROM agg_members_before)
      UNION ALL (SELECT complaint_id FROM agg_members_before EXCEPT SELECT complaint_id FROM cluster_members))
    WHERE complaint_id NOT IN (SELECT complaint_id FROM complaints WHERE run_id = $run)`,
    { run: uncounted },
  );
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
async function onMembershipChange(
  conn: DuckDBConnection,
  changedIdsSql: string,
  membersBefore: string,
  params: Params = {},
  beforeParams: Params = {},
): Promise<void> {
  await applyDays(conn, -1, storedRows(changedIdsSql), membersBefore, { ...params, ...beforeParams });
  // Only the changed ids' membership matters: the whole of cluster_members is 134k rows at 10M complaints.
  const membersNow = `SELECT complaint_id FROM cluster_members WHERE complaint_id IN (${changedIdsSql})`;
  await applyDays(conn, 1, storedRows(changedIdsSql), membersNow, params);
}

/**
 * `onMembershipChange` for a write that knows every membership it touched (the live path's local
 * refresh): `before` are the members of the incidents it deleted, `after` those of the incidents it
 * wrote; a complaint in exactly one of them joined or left a cluster (a complaint is in one incident at
 * most, so its membership before and after is exactly that). Its row is read through the index and
 * moved in the delta table (`applyCounted`): an upsert into agg_complaint_days joins the whole table
 * (~20 ms a statement at 10M complaints). Returns how many delta rows it appended.
 */
export async function onMembersMoved(
  conn: DuckDBConnection,
  before: readonly string[],
  after: readonly string[],
): Promise<number> {
  const [was, is] = [new Set(before), new Set(after)];
  const moved = [...was].filter((id) => !is.has(id)).concat([...is].filter((id) => !was.has(id)));
  if (moved.length === 0) return 0;
  const { sql, params } = keyList(moved);
  const rows = (
    await conn.runAndReadAll(
      `SELECT complaint_id, ${COUNTED_COLUMNS} FROM complaints WHERE complaint_id IN (${sql})`,
      params,
    )
  ).getRowObjectsJS();
  return applyCounted(
    conn,
    rows.flatMap((r): CountedChange[] => {
      const [id, row] = [String(r.complaint_id), r as unknown as CountedRow];
      return [
        { row, sign: -1, member: was.has(id) },
        { row, sign: 1, member: is.has(id) },
      ];
    }),
  );
}

function storedRows(idsSql: string): string {
  return `SELECT * FROM complaints WHERE complaint_id IN (${idsSql})`;
}

/**
 * Upserts the per-day counts of `rowsSql`, judged with membership from `members`, times `sign`; `counted` reads
 * the rows (KEYED_COUNTED_COLUMNS when they come from `withLocalKeys`).
 */
async function applyDays(
  conn: DuckDBConnection,
  sign: 1 | -1,
  rowsSql: string,
  members: string,
  params: Params = {},
  types: Record<string, DuckDBType> = {},
  run: Run = (sql, p, t) => conn.run(sql, p, t),
  counted = COUNTED_COLUMNS,
): Promise<void> {
  const from = /^\s*select/i.test(members) ? `(${members})` : members;
  await run(
    `INSERT INTO agg_complaint_days
     SELECT city, technology, category, day,
       $sign::BIGINT * count(*),
       $sign::BIGINT * count(*) FILTER (WHERE CASE WHEN member THEN on_time_member ELSE on_time END),
       $sign::BIGINT * count(*) FILTER (WHERE is_resolved),
       $sign::BIGINT * count(*) FILTER (WHERE CASE WHEN member THEN compliant_member ELSE compliant END),
       $sign::BIGINT * count(satisfied),
       $sign::BIGINT * count(*) FILTER (WHERE satisfied)
     FROM (
       SELECT ${counted}, m.complaint_id IS NOT NULL AS member
       FROM (${rowsSql}) r LEFT JOIN (SELECT DISTINCT complaint_id FROM ${from}) m USING (complaint_id)
     )
     GROUP BY ALL
     ${ADD_DAY_COUNTS}`,
    { ...params, sign },
    types,
  );
}
