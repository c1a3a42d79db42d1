import { DuckDBInstance } from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import { Database } from '../store/database.js';
import { DETECTOR_SOURCES, detectAll } from './cluster-detector.js';
import { runCase } from './harness/child-case.js';
import { stringArg, type CaseArgs, type Measured } from './harness/case-types.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatCount, formatDuration, formatMb, formatRatio, sizeLabel } from './harness/stats.js';

export const CLUSTER_TARGET = { size: 10_000_000, maxMs: 10_000 };

/** cellpulse: located complaints loaded from the database as columns, then the exact columnar detector. */
async function detectCellpulse(args: CaseArgs): Promise<Measured> {
  const db = await Database.open(stringArg(args, 'db'));
  const run = await db.use(detectAll);
  await db.close();
  return { ms: run.loadMs + run.detectMs, ...run };
}

const NAIVE_SQL = `
  WITH windows AS MATERIALIZED (
    SELECT a.complaint_id AS anchor, list(b.complaint_id) AS members
    FROM complaints a
    JOIN hex_neighbors nb ON nb.h = a.h3
    JOIN complaints b ON b.h3 = nb.n AND b.category = a.category
     AND b.received_at >= a.received_at AND b.received_at < a.received_at + INTERVAL 1 HOUR
    GROUP BY a.complaint_id
    HAVING count(*) > 5)
  SELECT (SELECT count(*) FROM windows) AS windows,
         (SELECT count(DISTINCT m) FROM (SELECT unnest(members) AS m FROM windows)) AS members`;

/**
 * The SQL a user would write without cellpulse: a neighbour table from h3-js `gridDisk(h, 2)`
 * (DuckDB has no H3 without its extension), then a self-join of same-category complaints within
 * the hour after each complaint and within grid distance 2, grouped per anchor complaint.
 */
async function detectNaive(args: CaseArgs): Promise<Measured> {
  const instance = await DuckDBInstance.create(stringArg(args, 'db'));
  const conn = await instance.connect();
  const started = performance.now();
  const hexes = ((
    await conn.runAndReadAll('SELECT DISTINCT h3 FROM complaints WHERE h3 IS NOT NULL')
  ).getColumnsJS()[0] ?? []) as string[];
  await conn.run('CREATE TEMP TABLE hex_neighbors (h VARCHAR, n VARCHAR)');
  const appender = await conn.createAppender('hex_neighbors', 'main', 'temp');
  for (const h of hexes) {
    for (const n of gridDisk(h, 2)) {
      appender.appendVarchar(h);
      appender.appendVarchar(n);
      appender.endRow();
    }
  }
  appender.closeSync();
  const neighboursMs = performance.now() - started;
  const row = (await conn.runAndReadAll(NAIVE_SQL)).getRowObjectsJS()[0];
  const ms = performance.now() - started;
  const rows = Number(
    (await conn.runAndReadAll('SELECT count(*) FROM complaints WHERE h3 IS NOT NULL')).getRowsJS()[0]?.[0],
  );
  conn.closeSync();
  instance.closeSync();
  return {
    ms,
    rows,
    neighboursMs,
    queryMs: ms - neighboursMs,
    hexes: hexes.length,
    windows: Number(row?.windows),
    members: Number(row?.members),
  };
}

export const clusterCases = { 'detect-cellpulse': detectCellpulse, 'detect-naive': detectNaive };

export interface ClusterRecord {
  size: number;
  cellpulse: Summary;
  naive: Summary;
  ratio?: number;
  usPerRow?: number;
}

const HEADERS = [
  'size',
  'cellpulse load + detect',
  'load',
  'detect',
  'µs/complaint',
  'peak RSS',
  'incidents / members',
  'naive SQL',
  'naive RSS',
  'naive windows / members',
  'naive / cellpulse',
];

/** 2. Batch cluster detection vs the naive self-join, the naive one capped at ctx.capMs. */
export async function runClusterBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection(
    'clusters',
    '2. Batch cluster detection vs naive SQL (self-join within 1 h and grid distance ≤ 2, then grouping)',
    HEADERS,
  );
  let naiveTimedOut = false;
  for (const size of ctx.sizes) {
    const db = (await ctx.loaded(size)).path;
    const label = `clusters ${sizeLabel(size)}`;
    const naiveSide = naiveTimedOut
      ? []
      : [{ label: `${label} naive SQL`, run: () => runCase('detect-naive', { db }, { timeoutMs: ctx.capMs }) }];
    const cellpulseSide = [{ label: `${label} cellpulse`, run: () => runCase('detect-cellpulse', { db }) }];
    const summaries = await interleave(ctx.repeatsFor(size), [...cellpulseSide, ...naiveSide], ctx.log);
    const cellpulse = summaries[0]!;
    const naive: Summary = naiveTimedOut
      ? { status: 'timeout', runsMs: [], message: 'a smaller size already timed out' }
      : summaries.at(-1)!;
    naiveTimedOut ||= naive.status === 'timeout';
    const record = clusterRecord(size, cellpulse, naive);
    section.records.push(record);
    section.rows.push(clusterRow(record));
    if (size === CLUSTER_TARGET.size || ctx.sizes.at(-1) === size) addTarget(section, record, db);
  }
  section.notes.push(`Detector code measured: ${DETECTOR_SOURCES.join(', ')}.`);
  section.notes.push(
    'cellpulse = `loadComplaintColumns` (every located complaint as typed columns, from the loaded database) ' +
      '+ `findIncidents` (exact SPEC §3 groups and incidents, the same as `detectClusters`) + reading and ' +
      'describing the complaints in incidents. µs/complaint = load + detect per located complaint.',
    `naive = build \`hex_neighbors(h, n)\` with h3-js \`gridDisk(h, 2)\`, then one SQL self-join of ` +
      `same-category complaints within [t, t + 1 h) and grid distance ≤ 2 of each complaint, grouped ` +
      `per anchor complaint (> 5 = a window); killed after ${Math.round(ctx.capMs / 1000)} s ` +
      `("timeout"). It approximates the rule (disk of radius 2, not connected sets of ≤ 3 hexes), so ` +
      `its member count differs from the exact one.`,
  );
  return section;
}

function clusterRecord(size: number, cellpulse: Summary, naive: Summary): ClusterRecord {
  const record: ClusterRecord = { size, cellpulse, naive };
  const rows = Number(cellpulse.measured?.rows);
  if (cellpulse.ms !== undefined && rows > 0) record.usPerRow = (cellpulse.ms * 1000) / rows;
  if (cellpulse.ms !== undefined && naive.ms !== undefined) record.ratio = naive.ms / cellpulse.ms;
  return record;
}

function clusterRow(r: ClusterRecord): string[] {
  const m = r.cellpulse.measured ?? {};
  const n = r.naive.measured ?? {};
  return [
    sizeLabel(r.size),
    statusText(r.cellpulse),
    formatDuration(m.loadMs as number | undefined),
    formatDuration(m.detectMs as number | undefined),
    r.usPerRow === undefined ? '—' : r.usPerRow.toFixed(2),
    formatMb(r.cellpulse.rssMb),
    m.incidents === undefined ? '—' : `${formatCount(Number(m.incidents))} / ${formatCount(Number(m.members))}`,
    statusText(r.naive),
    formatMb(r.naive.rssMb),
    n.windows === undefined ? '—' : `${formatCount(Number(n.windows))} / ${formatCount(Number(n.members))}`,
    r.ratio === undefined ? '—' : formatRatio(r.ratio),
  ];
}

function addTarget(section: Section, r: ClusterRecord, db: string): void {
  const atTargetSize = r.size === CLUSTER_TARGET.size;
  // Below 10M the goal is scaled linearly, so a quick run still says whether the pace is on track.
  const goalMs = (CLUSTER_TARGET.maxMs * r.size) / CLUSTER_TARGET.size;
  section.targets.push({
    name: `batch detection ${sizeLabel(r.size)} (load + detect)${atTargetSize ? '' : ', pro rata'}`,
    goal: atTargetSize ? '< 10 s' : `< ${formatDuration(goalMs)} (10 s per 10M, pro rata)`,
    measured: statusText(r.cellpulse),
    met: r.cellpulse.ms === undefined ? null : r.cellpulse.ms < goalMs,
    profile: { caseName: 'detect-cellpulse', args: { db }, size: r.size },
  });
}
