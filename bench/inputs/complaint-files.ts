import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { runCase } from '../harness/child-case.js';
import { numberArg, type CaseArgs, type Measured } from '../harness/case-types.js';
import { DATA_DIR, ensureDir } from '../harness/paths.js';
import { createCityCentres } from './city-centres.js';
import { readInputMeta, writeInputMeta } from './input-meta.js';
import { PERIOD, spanDays } from './period.js';
import { SITES_CSV } from './site-layout.js';

/** Bump when the generated rows change, so stale files are remade. */
const GENERATOR = 'bench-sql-3';

export interface ComplaintFiles {
  size: number;
  csv: string;
  parquet: string;
  /** Lines in the file (the size), of which `duplicates` repeat an earlier complaint_id. */
  rows: number;
  duplicates: number;
  generator: string;
}

const CATEGORY_WEIGHTS: [string, number][] = [
  ['weak_coverage', 0.25],
  ['no_signal', 0.15],
  ['call_drop', 0.15],
  ['slow_data', 0.2],
  ['voice_quality', 0.1],
  ['no_service', 0.05],
  ['other', 0.1],
];
const TECHNOLOGY_WEIGHTS: [string, number][] = [
  ['LTE', 0.55],
  ['NR', 0.22],
  ['WCDMA', 0.14],
  ['GSM', 0.09],
];
const RESOLUTION_WEIGHTS: [string, number][] = [
  ['fault_repair', 0.3],
  ['optimisation', 0.3],
  ['construction', 0.1],
  ['explained', 0.2],
  ['unresolved', 0.1],
];

/** Spread of complaints around a city centre (degrees of latitude, about 5.5 km) and of a burst. */
const CITY_SIGMA_DEG = 0.05;
const BURST_SIGMA_DEG = 0.0015;
/** A burst is this many complaints of one category within 40 minutes and a few hundred metres. */
const BURST_SIZE = 12;
const BURST_SHARE = 0.01;
/**
 * The dense variant (issue 17): bursts make about six incidents per 1,000 complaints (the usual
 * set about one), over the same month and cells, so writing and reading incidents back shows.
 */
const DENSE_BURST_SHARE = 0.07;
const DUPLICATE_SHARE = 1 / 200;
const UNLOCATED_SHARE = 0.02;
/** Rows whose latitude is out of range, to be rejected by the ingest. */
const BAD_SHARE = 0.0005;

/**
 * A set's files. `part` k > 0 is the k-th continuation of the set (other draws, ids after k × size,
 * times k spans later): the chunks a larger service database is built from (inputs/service-database.ts).
 */
export function complaintFilePaths(
  size: number,
  dense = false,
  part = 0,
): { csv: string; parquet: string; meta: string } {
  const base = `${DATA_DIR}complaints-${dense ? 'dense-' : ''}${size}${part > 0 ? `-part${part}` : ''}`;
  return { csv: `${base}.csv`, parquet: `${base}.parquet`, meta: `${base}.meta.json` };
}

/** CASE expression picking a value of `weights` by the uniform draw `u`. */
function pick(u: string, weights: [string, number][]): string {
  let upTo = 0;
  const arms = weights.map(([value, weight]) => {
    upTo += weight;
    return `WHEN ${u} < ${upTo.toFixed(6)} THEN '${value}'`;
  });
  return `CASE ${arms.join(' ')} ELSE '${weights.at(-1)![0]}' END`;
}

/** Keys x * 64 + salt stay below this, so each part hashes keys of its own. */
const PART_KEY_STRIDE = 100_000_000_000_000;

async function createDraws(
  conn: DuckDBConnection,
  base: number,
  background: number,
  days: number,
  part: number,
): Promise<void> {
  // Deterministic pseudo-random draws: a hash of (row or burst key, salt) scaled to [0, 1).
  // hash() of one integer mixes well; hash(x, salt) of two values does not (its draws correlate).
  const partKey = part * PART_KEY_STRIDE;
  await conn.run(`CREATE OR REPLACE TEMP MACRO u01(x, salt) AS
    (hash(x * 64 + salt + ${partKey}) % 4294967296)::DOUBLE / 4294967296`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO gauss(x, salt) AS
    sqrt(-2 * ln(greatest(u01(x, salt), 1e-12))) * cos(2 * pi() * u01(x, salt + 1))`);
  const seconds = days * 86_400;
  // Rows past `background` are bursts: each run of BURST_SIZE rows shares a key `e`, hence its
  // city, category, centre and start time.
  await conn.run(`CREATE OR REPLACE TEMP TABLE draws AS
    WITH r AS (
      SELECT i, i >= ${background} AS burst,
        CASE WHEN i >= ${background} THEN 1000000000000 + (i - ${background}) // ${BURST_SIZE} ELSE i END AS e
      FROM range(${base}) t(i))
    SELECT r.i, r.burst, c.city, c.lat AS clat, c.lon AS clon,
      ${pick('u01(r.e, 1)', CATEGORY_WEIGHTS)} AS category,
      ${pick('u01(r.i, 2)', TECHNOLOGY_WEIGHTS)} AS technology,
      gauss(r.e, 3) AS gy, gauss(r.e, 5) AS gx,
      CASE WHEN r.burst THEN gauss(r.i, 7) ELSE 0 END AS jy,
      CASE WHEN r.burst THEN gauss(r.i, 9) ELSE 0 END AS jx,
      CASE WHEN r.burst THEN u01(r.e, 11) * ${seconds - 3600} + u01(r.i, 12) * 2400
        ELSE u01(r.i, 11) * ${seconds} END AS sec,
      NOT r.burst AND u01(r.i, 13) < ${UNLOCATED_SHARE} AS unlocated,
      u01(r.i, 14) AS ubad, u01(r.i, 15) AS urep, u01(r.i, 16) AS ures, u01(r.i, 17) AS usat, u01(r.i, 18) AS ucell
    FROM r JOIN cities c ON u01(r.e, 19) >= c.lo AND u01(r.e, 19) < c.hi`);
}

async function createRows(conn: DuckDBConnection, offsetDays: number, firstId: number): Promise<void> {
  const start = `(TIMESTAMP '${PERIOD.startLocal}' + INTERVAL ${offsetDays} DAY)`;
  const iso = (seconds: string): string =>
    `strftime(${start} + to_seconds((${seconds})::BIGINT), '%Y-%m-%dT%H:%M:%S') || '${PERIOD.offset}'`;
  const sites = existsSync(SITES_CSV)
    ? `SELECT cell_id, city, row_number() OVER (PARTITION BY city ORDER BY cell_id) - 1 AS k
       FROM read_csv('${SITES_CSV}', header = true, all_varchar = true)`
    : `SELECT NULL::VARCHAR AS cell_id, NULL::VARCHAR AS city, 0 AS k WHERE false`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE site_pick AS ${sites}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE site_counts AS SELECT city, count(*) AS n FROM site_pick GROUP BY city`);
  // Ordered by time, as a work-order export is; ids follow that order.
  await conn.run(`CREATE OR REPLACE TEMP TABLE gen AS
    WITH d AS (
      SELECT d.*, CASE WHEN d.unlocated THEN floor(d.ucell * n.n)::BIGINT END AS kk
      FROM draws d LEFT JOIN site_counts n USING (city))
    SELECT 'HLJ' || lpad(CAST(${firstId} + row_number() OVER (ORDER BY d.sec, d.i) AS VARCHAR), 9, '0') AS complaint_id,
      ${iso('d.sec')} AS received_at, d.city, d.category, d.technology,
      CASE WHEN d.unlocated THEN NULL
           WHEN d.ubad < ${BAD_SHARE} THEN round(91 + d.ubad * 1000, 4)
           ELSE round(d.clat + ${CITY_SIGMA_DEG} * d.gy + ${BURST_SIGMA_DEG} * d.jy, 6) END AS lat,
      CASE WHEN d.unlocated THEN NULL
           ELSE round(d.clon + (${CITY_SIGMA_DEG} * d.gx + ${BURST_SIGMA_DEG} * d.jx) / cos(radians(d.clat)), 6) END
             AS lon,
      CASE WHEN d.unlocated THEN s.cell_id END AS cell_id,
      CASE WHEN d.urep < 0.95 THEN ${iso('d.sec + d.urep * d.urep * 172800')} END AS replied_at,
      CASE WHEN d.urep < 0.95 AND d.ures < 0.9 THEN ${iso('d.sec + d.urep * d.urep * 172800 + d.ures * 259200')} END
        AS resolved_at,
      CASE WHEN d.ures < 0.9 THEN ${pick('d.ures / 0.9', RESOLUTION_WEIGHTS)} END AS resolution,
      CASE WHEN d.usat < 0.8 THEN 'true' WHEN d.usat < 0.9 THEN 'false' END AS satisfied,
      row_number() OVER (ORDER BY d.sec, d.i) AS rn
    FROM d LEFT JOIN site_pick s ON s.city = d.city AND s.k = d.kk`);
}

const OUTPUT_COLUMNS =
  'complaint_id, received_at, city, category, technology, lat, lon, ' +
  'cell_id, replied_at, resolved_at, resolution, satisfied';

/**
 * Writes the CSV (base rows, then later lines repeating `duplicates` ids with updated outcomes) and the Parquet twin.
 */
async function writeFiles(
  conn: DuckDBConnection,
  size: number,
  duplicates: number,
  dense: boolean,
  part: number,
): Promise<void> {
  const paths = complaintFilePaths(size, dense, part);
  await conn.run(`CREATE OR REPLACE TEMP TABLE out AS
    SELECT ${OUTPUT_COLUMNS} FROM (
      SELECT *, 0 AS part, rn AS ord FROM gen
      UNION ALL
      (SELECT * REPLACE ('fault_repair' AS resolution, 'true' AS satisfied), 1 AS part, hash(rn, 'dup') AS ord
       FROM gen ORDER BY hash(rn, 'dup') LIMIT ${duplicates}))
    ORDER BY part, ord`);
  await conn.run(`COPY out TO '${paths.csv}.tmp' (FORMAT csv, HEADER)`);
  await conn.run(`COPY (SELECT complaint_id, received_at::TIMESTAMPTZ AS received_at, city, category, technology,
      lat::DOUBLE AS lat, lon::DOUBLE AS lon, cell_id, replied_at::TIMESTAMPTZ AS replied_at,
      resolved_at::TIMESTAMPTZ AS resolved_at, resolution, satisfied::BOOLEAN AS satisfied FROM out)
    TO '${paths.parquet}.tmp' (FORMAT parquet)`);
  renameSync(`${paths.csv}.tmp`, paths.csv);
  renameSync(`${paths.parquet}.tmp`, paths.parquet);
}

/**
 * Generates `size` complaint lines over `spanDays(size)` days in 13 Heilongjiang cities (weighted by
 * population, Gaussian around each centre), 1% of them in bursts that make major clusters,
 * 2% unlocated (serving cell only), 0.05% with an out-of-range latitude and 0.5% repeating an
 * earlier id; written as CSV and Parquet. Deterministic: the same size gives the same file.
 */
async function generateComplaints(args: CaseArgs): Promise<Measured> {
  const size = numberArg(args, 'size');
  const dense = numberArg(args, 'dense', 0) === 1;
  const part = numberArg(args, 'part', 0);
  const started = performance.now();
  const duplicates = Math.floor(size * DUPLICATE_SHARE);
  const base = size - duplicates;
  const share = dense ? DENSE_BURST_SHARE : BURST_SHARE;
  const background = base - Math.floor((base * share) / BURST_SIZE) * BURST_SIZE;
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: `${ensureDir(`${DATA_DIR}spill/`)}` });
  const conn = await instance.connect();
  const stepsMs: Record<string, number> = {};
  let mark = performance.now();
  const step = async (name: string, work: Promise<void>): Promise<void> => {
    await work;
    stepsMs[name] = performance.now() - mark;
    mark = performance.now();
  };
  await step('cities', createCityCentres(conn));
  await step('draws', createDraws(conn, base, background, spanDays(size), part));
  await step('rows', createRows(conn, part * spanDays(size), part * size));
  await step('write', writeFiles(conn, size, duplicates, dense, part));
  conn.closeSync();
  instance.closeSync();
  const generator = dense ? `${GENERATOR}-dense` : GENERATOR;
  const files: ComplaintFiles = { size, ...complaintFilePaths(size, dense, part), rows: size, duplicates, generator };
  writeInputMeta(complaintFilePaths(size, dense, part).meta, files);
  return { ms: performance.now() - started, rows: size, stepsMs };
}

/** The complaint files of `size` (of its `part`), generated unless files of the current generator exist. */
export async function ensureComplaintFiles(
  size: number,
  log: (line: string) => void,
  dense = false,
  part = 0,
): Promise<ComplaintFiles> {
  const paths = complaintFilePaths(size, dense, part);
  const generator = dense ? `${GENERATOR}-dense` : GENERATOR;
  const existing = readInputMeta<ComplaintFiles>(paths.meta);
  // The paths are this checkout's, not the ones stored: a data folder copied from another checkout stays usable.
  if (existing?.generator === generator && existsSync(paths.csv) && existsSync(paths.parquet)) {
    return { ...existing, ...paths };
  }
  for (const path of Object.values(paths)) rmSync(path, { force: true });
  log(`generating ${size} complaints (${generator}) into ${paths.csv}`);
  const outcome = await runCase('generate-complaints', { size, dense: dense ? 1 : 0, part });
  if (outcome.status !== 'ok') throw new Error(`could not generate ${size} complaints: ${outcome.message}`);
  log(
    `generated in ${((outcome.measured?.ms ?? 0) / 1000).toFixed(1)} s, CSV ` +
      `${(statSync(paths.csv).size / 2 ** 20).toFixed(0)} MB`,
  );
  return readInputMeta<ComplaintFiles>(paths.meta)!;
}

export const complaintFileCases = { 'generate-complaints': generateComplaints };
