import { weakCoverage } from '../analytics/coverage/weak-coverage.js';
import { hexagonCounts } from '../analytics/hexagon-counts.js';
import { complaintRates } from '../analytics/rates/complaint-rates.js';
import { Database } from '../store/database.js';
import { PERIOD } from './inputs/period.js';
import { runCase } from './harness/child-case.js';
import { numberArg, stringArg, type CaseArgs, type Measured } from './harness/case-types.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatCount, formatDuration, formatMb, formatRatio, median, sizeLabel } from './harness/stats.js';

type QueryName = 'rates' | 'hexagons' | 'weak-coverage';
const QUERIES: QueryName[] = ['rates', 'hexagons', 'weak-coverage'];
type QueryFn = (db: Database) => Promise<readonly unknown[]>;

const MONTH = { from: PERIOD.from, to: PERIOD.to };

/** The same answers in plain DuckDB SQL, as a user without cellpulse would write them. */
const PEER_SQL: Record<QueryName, string> = {
  rates: `
    WITH c AS (
      SELECT city, technology, strftime(received_at, '%Y-%m') AS month, count(*) AS complaints
      FROM complaints GROUP BY ALL)
    SELECT c.*, s.subscribers, c.complaints / s.subscribers * 10000 AS rate_per_10k
    FROM c LEFT JOIN subscribers s USING (city, technology, month)
    ORDER BY city, technology, month`,
  hexagons: `
    SELECT h3, count(*) AS complaints FROM complaints
    WHERE h3 IS NOT NULL AND received_at >= $from::TIMESTAMPTZ AND received_at < $to::TIMESTAMPTZ
    GROUP BY h3 ORDER BY complaints DESC, h3`,
  'weak-coverage': `
    SELECT h3, technology, count(*) AS complaints, count(DISTINCT CAST(received_at AS DATE)) AS days
    FROM complaints
    WHERE h3 IS NOT NULL AND category IN ('weak_coverage', 'no_signal', 'no_service')
      AND received_at >= $from::TIMESTAMPTZ AND received_at < $to::TIMESTAMPTZ
    GROUP BY h3, technology ORDER BY complaints DESC, h3`,
};

/** The cellpulse function of each query, as the API and CLI call it. */
const CELLPULSE: Record<QueryName, QueryFn> = {
  rates: (db) => complaintRates(db, { by: ['city', 'technology', 'month'] }),
  hexagons: (db) => hexagonCounts(db, MONTH),
  'weak-coverage': (db) => weakCoverage(db, MONTH),
};

/** One query on the loaded database: a warm-up run, then the median of `iterations` timed runs. */
async function runQuery(args: CaseArgs): Promise<Measured> {
  const query = stringArg(args, 'query') as QueryName;
  const iterations = numberArg(args, 'iterations', 3);
  const db = await Database.open(stringArg(args, 'db'));
  // Only the month-filtered queries take parameters; DuckDB refuses unused ones.
  const params = PEER_SQL[query].includes('$from') ? MONTH : undefined;
  const fn: QueryFn = stringArg(args, 'side') === 'peer' ? (d) => d.all(PEER_SQL[query], params) : CELLPULSE[query];
  const resultRows = (await fn(db)).length;
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    await fn(db);
    times.push(performance.now() - started);
  }
  await db.close();
  return { ms: median(times)!, resultRows, iterations };
}

export const queryCases = { query: runQuery };

export interface QueryRecord {
  size: number;
  query: QueryName;
  complaints: number;
  cellpulse: Summary;
  peer: Summary;
  ratio?: number;
}

const TITLE = '4. Queries over the loaded database (real OpenCellID UK layout, 131k cells) vs plain DuckDB SQL';
const HEADERS = [
  'size',
  ' query',
  'cellpulse',
  'complaints/s',
  'peak RSS',
  'result rows',
  'plain SQL',
  'SQL peak RSS',
  'SQL rows',
  'ratio',
];
const TITLES: Record<QueryName, string> = {
  rates: 'rates by city × technology × month',
  hexagons: 'hexagon aggregates, one month',
  'weak-coverage': 'weak coverage, one month',
};

/** 4. Queries over the loaded database vs the same GROUP BY in plain DuckDB SQL. */
export async function runQueryBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection('queries', TITLE, HEADERS);
  const iterations = ctx.quick ? 3 : 5;
  const sitesNotes = new Set<string>();
  for (const size of ctx.sizes) {
    const loaded = await ctx.loaded(size);
    sitesNotes.add(`${sizeLabel(size)}: ${loaded.sites} sites loaded by ${loaded.sitesLoadedBy}`);
    for (const query of QUERIES) {
      const label = `query ${sizeLabel(size)} ${query}`;
      const args = { db: loaded.path, query, iterations };
      const peerSide = { label: `${label} SQL`, run: () => runCase('query', { ...args, side: 'peer' }) };
      const summaries = await interleave(
        ctx.repeatsFor(size),
        [{ label: `${label} cellpulse`, run: () => runCase('query', { ...args, side: 'cellpulse' }) }, peerSide],
        ctx.log,
      );
      const [cellpulse, peer] = summaries as [Summary, Summary];
      const record: QueryRecord = { size, query, complaints: loaded.complaints, cellpulse, peer };
      if (cellpulse.ms !== undefined && peer.ms !== undefined) record.ratio = cellpulse.ms / peer.ms;
      section.records.push(record);
      section.rows.push(queryRow(record));
    }
  }
  section.notes.push(
    `Each measured process opens the loaded database, runs the query once to warm up, then ` +
      `${iterations} times; its median is one sample, and the table shows the median of such ` +
      `processes over the run's repeats, cellpulse and SQL interleaved. complaints/s = ` +
      `complaints in the database / time. ratio = cellpulse / SQL.`,
    'cellpulse: hexagons = `hexagonCounts(db, {from, to})` (GROUP BY h3 in DuckDB, then hexagon ' +
      'centres with h3-js); rates = `complaintRates(db, {by: [city, technology, month]})`, weak coverage ' +
      '= `weakCoverage(db, {from, to})`. Plain SQL: the same GROUP BY read into JS with `db.all`; the ' +
      'weak-coverage SQL has no nearest-site distance (the cellpulse function computes one), so that ' +
      "ratio overstates the cost of cellpulse's extra work.",
    'The site layout is the real OpenCellID UK export (131,348 cells), moved as a whole onto ' +
      'the Heilongjiang complaint area (its shape and density are unchanged).',
    `Loaded databases: ${[...sitesNotes].join('; ')}.`,
  );
  return section;
}

function queryRow(r: QueryRecord): string[] {
  const perSec = r.cellpulse.ms === undefined ? undefined : r.complaints / (r.cellpulse.ms / 1000);
  const rowsOf = (s: Summary): string =>
    s.measured?.resultRows === undefined ? '—' : formatCount(Number(s.measured.resultRows));
  return [
    sizeLabel(r.size),
    TITLES[r.query],
    statusText(r.cellpulse),
    formatCount(perSec),
    formatMb(r.cellpulse.rssMb),
    rowsOf(r.cellpulse),
    r.peer.status === 'ok' ? formatDuration(r.peer.ms) : statusText(r.peer),
    formatMb(r.peer.rssMb),
    rowsOf(r.peer),
    formatRatio(r.ratio),
  ];
}
