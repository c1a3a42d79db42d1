/**
 * Ad-hoc analysis notebook: how to query cellpulse's data yourself.
 *
 *   # part 1: SQL on the file
 *   node --import tsx notebooks/ad-hoc-analysis.ts --db data/demo.duckdb
 *   # part 2: Arrow from a server
 *   node --import tsx notebooks/ad-hoc-analysis.ts --no-duckdb --url http://127.0.0.1:8080
 *
 * Part 1 opens the database file READ-ONLY with @duckdb/node-api and runs a few commented SQL
 * queries (the one place in notebooks/ that writes SQL: this notebook is about showing it).
 * DuckDB lets one process write a file, or any number read it: stop `cellpulse serve` (or query
 * a copy) for part 1, and use part 2 against the running server instead.
 * Part 2 fetches `/v1/rates` and `/v1/hexagons` as Arrow IPC streams and reads them with
 * apache-arrow's `tableFromIPC`: columnar, typed, and ready for DuckDB, Polars or pandas.
 * The last line of stdout is a JSON summary of what was read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { Command } from 'commander';
import { cellToLatLng } from 'h3-js';
import { shiftPeriod } from '../analytics/rates/periods.js';
import { findRunningServer } from '../api/cli/server-record.js';
import { lockErrorToCellpulse } from '../store/lock-error.js';

interface Options {
  db: string;
  duckdb: boolean;
  url?: string;
  month?: string;
  apiKey?: string;
}

type Row = Record<string, unknown>;

/** Prints a titled table; BIGINT counts shown as numbers, long lists shortened. */
function show(title: string, rows: readonly Row[]): void {
  console.log(`\n## ${title} (${rows.length} rows)`);
  console.table(
    rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    ),
  );
}

async function query(conn: DuckDBConnection, sql: string, params: Record<string, DuckDBValue> = {}): Promise<Row[]> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJS();
}

// ---------------------------------------------------------------------------------------------
// Part 1: SQL on the DuckDB file
// ---------------------------------------------------------------------------------------------

/** Runs the SQL part; returns the month analysed and how many queries ran. */
async function duckdbPart(path: string, asked: string | undefined): Promise<{ month: string | null; queries: number }> {
  if (!existsSync(path))
    throw new Error(`no database file at ${path}; create one with \`npx cellpulse demo --no-serve\``);
  // READ_ONLY: the notebook can never change the data, and may run beside other readers.
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' }).catch((error: unknown) => {
    throw lockErrorToCellpulse(error, path);
  });
  const conn = await instance.connect();
  try {
    // The database stores its zone; timestamps are TIMESTAMPTZ, so "local month" needs it.
    // timezone($tz, ts) turns an instant into local wall time without changing the session.
    const [zone] = await query(conn, `SELECT value AS tz FROM settings WHERE key = 'time_zone'`);
    const tz = String(zone?.tz ?? 'Asia/Shanghai');
    const month = asked ?? (await latestMonth(conn, tz));
    console.log(`# DuckDB ${path} (read-only), time zone ${tz}, month ${month ?? 'none'}`);
    if (month === null) return { month, queries: 1 };
    const queries: [string, string, Record<string, DuckDBValue>][] = [
      ['Complaints per local month and technology', MONTHLY_VOLUME, { tz }],
      [
        `Complaint rate per 10k subscribers by city, ${month} (Σ complaints / Σ subscribers, not a mean of rates)`,
        CITY_RATES,
        { tz, month },
      ],
      [`Complaints by local hour of day and category, ${month}`, HOURLY_PROFILE, { tz, month }],
      [`Reply times per city, ${month}: median and 90th percentile, hours`, REPLY_TIMES, { tz, month }],
      [`Major incidents per category, ${month}`, INCIDENTS_BY_CATEGORY, { tz, month }],
    ];
    for (const [title, sql, params] of queries) show(title, await query(conn, sql, params));
    show(
      `Top coverage hexagons, ${month} (centres from h3-js: SQL groups, TypeScript does the geometry)`,
      await topHexes(conn, tz, month),
    );
    return { month, queries: queries.length + 2 };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function latestMonth(conn: DuckDBConnection, tz: string): Promise<string | null> {
  const [row] = await query(
    conn,
    `SELECT strftime(max(timezone($tz, received_at)), '%Y-%m') AS month FROM complaints`,
    { tz },
  );
  return row?.month === null || row?.month === undefined ? null : String(row.month);
}

// Month of a complaint = month of its received_at in the database's zone (SPEC §4).
const MONTHLY_VOLUME = `
  SELECT strftime(timezone($tz, received_at), '%Y-%m') AS month, technology, count(*) AS complaints
  FROM complaints
  GROUP BY ALL
  ORDER BY month, technology`;

// Subscribers are per city, technology and month; sum both sides before dividing. (A technology
// without a subscriber row overstates its city's rate here; complaintRates() warns about it.)
const CITY_RATES = `
  WITH c AS (
    SELECT city, count(*) AS complaints FROM complaints
    WHERE strftime(timezone($tz, received_at), '%Y-%m') = $month GROUP BY city
  ), s AS (
    SELECT city, sum(subscribers) AS subscribers FROM subscribers WHERE month = $month GROUP BY city
  )
  SELECT city, coalesce(c.complaints, 0) AS complaints, s.subscribers,
         round(coalesce(c.complaints, 0) * 10000 / s.subscribers, 4) AS rate_per_10k
  FROM s FULL JOIN c USING (city)
  ORDER BY rate_per_10k DESC NULLS LAST`;

// PIVOT turns categories into columns: one row per local hour. With $parameters in its source
// DuckDB needs the column values spelled out (it cannot read them from the data first).
const HOURLY_PROFILE = `
  PIVOT (
    SELECT hour(timezone($tz, received_at)) AS hour, category FROM complaints
    WHERE strftime(timezone($tz, received_at), '%Y-%m') = $month
  ) ON category IN ('weak_coverage', 'no_signal', 'call_drop', 'slow_data', 'voice_quality', 'no_service', 'other')
  USING count(*) GROUP BY hour ORDER BY hour`;

// Interval arithmetic on TIMESTAMPTZ is exact; epoch() of an interval gives seconds.
const REPLY_TIMES = `
  SELECT city,
         count(*) AS complaints,
         count(replied_at) AS replied,
         round(quantile_cont(epoch(replied_at - received_at) / 3600, 0.5), 2) AS median_h,
         round(quantile_cont(epoch(replied_at - received_at) / 3600, 0.9), 2) AS p90_h
  FROM complaints
  WHERE strftime(timezone($tz, received_at), '%Y-%m') = $month
  GROUP BY city
  ORDER BY p90_h DESC NULLS LAST`;

// incidents.complaint_ids is a LIST column; len() and unnest() work on it directly.
const INCIDENTS_BY_CATEGORY = `
  SELECT category, count(*) AS incidents, sum(complaint_count) AS complaints,
         max(peak_count) AS largest_peak, round(avg(len(hexes)), 2) AS mean_hexes
  FROM incidents
  WHERE strftime(timezone($tz, start_at), '%Y-%m') = $month
  GROUP BY category
  ORDER BY complaints DESC`;

const TOP_HEXES = `
  SELECT h3, count(*) AS complaints, count(DISTINCT CAST(timezone($tz, received_at) AS DATE)) AS days,
         mode(technology) AS technology
  FROM complaints
  WHERE h3 IS NOT NULL AND category IN ('weak_coverage', 'no_signal', 'no_service')
    AND strftime(timezone($tz, received_at), '%Y-%m') = $month
  GROUP BY h3
  ORDER BY complaints DESC, days DESC, h3
  LIMIT 10`;

async function topHexes(conn: DuckDBConnection, tz: string, month: string): Promise<Row[]> {
  return (await query(conn, TOP_HEXES, { tz, month })).map((row) => {
    const [lat, lon] = cellToLatLng(String(row.h3));
    return { ...row, lat: Number(lat.toFixed(5)), lon: Number(lon.toFixed(5)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Part 2: Arrow from the HTTP API
// ---------------------------------------------------------------------------------------------

/** Fetches a route as an Arrow IPC stream (`?format=arrow`) and decodes it. */
async function fetchArrow(base: string, path: string, apiKey: string | undefined): Promise<Table> {
  const response = await fetch(new URL(path, base), { headers: apiKey === undefined ? {} : { 'x-api-key': apiKey } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
}

/** Prints an Arrow table's schema and first rows. */
function showArrow(title: string, table: Table, limit = 10): void {
  console.log(
    `\n## ${title}: ${table.numRows} rows; columns ` +
      `${table.schema.fields.map((f) => `${f.name}:${String(f.type)}`).join(', ')}`,
  );
  show(
    `first ${Math.min(limit, table.numRows)} rows`,
    table
      .slice(0, limit)
      .toArray()
      .map((row) => (row as { toJSON(): Row }).toJSON()),
  );
}

async function arrowPart(base: string, month: string | undefined, apiKey: string | undefined): Promise<Row> {
  console.log(`\n# Arrow from ${base}`);
  const period = month === undefined ? '' : `&from=${month}&to=${month}`;
  const rates = await fetchArrow(base, `/v1/rates?by=city,technology,month${period}&format=arrow`, apiKey);
  showArrow('GET /v1/rates (by city, technology, month)', rates);
  // Columns are typed vectors: aggregate without turning rows into objects.
  const complaints = rates.getChild('complaints')?.toArray() as ArrayLike<number | bigint> | undefined;
  const total = complaints === undefined ? 0 : Array.from(complaints, Number).reduce((a, b) => a + b, 0);
  console.log(`Σ complaints over the rate rows: ${total}`);
  // Instants without an offset are read in the database's zone: these are the local month's bounds.
  const hexPeriod =
    month === undefined ? '' : `&from=${month}-01T00:00:00&to=${shiftPeriod(month, 'month', 1)}-01T00:00:00`;
  const hexagons = await fetchArrow(base, `/v1/hexagons?res=6${hexPeriod}&format=arrow`, apiKey);
  showArrow('GET /v1/hexagons (resolution 6)', hexagons);
  return { rates_rows: rates.numRows, rates_complaints: total, hexagon_rows: hexagons.numRows };
}

// ---------------------------------------------------------------------------------------------

export function adHocCommand(): Command {
  return new Command('ad-hoc-analysis')
    .description('query the DuckDB file with SQL and the API as Arrow, for ad-hoc analysis')
    .option('--db <file>', 'cellpulse DuckDB file (opened read-only)', 'data/demo.duckdb')
    .option('--no-duckdb', 'skip the SQL part (e.g. while a server holds the file)')
    .option('--url <url>', 'base URL of a running cellpulse server, for the Arrow part (e.g. http://127.0.0.1:8080)')
    .option('--month <YYYY-MM>', 'local month to look at (default: the newest with complaints)')
    .option('--api-key <key>', 'x-api-key for servers that require keys on reads (default: $CELLPULSE_API_KEY)')
    .action(async (options: Options) => {
      const summary: Row = {};
      let month = options.month;
      // DuckDB lets one process have the file: while `cellpulse serve` holds it, read through its API.
      const server = options.duckdb ? await findRunningServer(resolve(options.db)) : undefined;
      if (server !== undefined) {
        console.error(
          `ad-hoc-analysis: the server at ${server.url} holds ${options.db}; reading it as Arrow from there`,
        );
        options.url ??= server.url;
      } else if (options.duckdb) {
        const part = await duckdbPart(resolve(options.db), month);
        month = part.month ?? undefined;
        summary.duckdb = part;
      }
      if (options.url !== undefined)
        summary.arrow = await arrowPart(options.url, month, options.apiKey ?? process.env.CELLPULSE_API_KEY);
      console.log(JSON.stringify(summary));
    });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await adHocCommand()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      console.error(`ad-hoc-analysis: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}
