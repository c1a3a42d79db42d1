/**
 * Quick check of the read side of issue 17 (aggregates kept by writes, reader connections, cache
 * keyed by dependency), outside `npm run bench`:
 *   node --import tsx bench/aggregates.ts [--size 1000000] [--seconds 20] [--readers 20]
 * 1. quiet reads on the loaded database: rates, KPIs and hexagons as served now (aggregate tables)
 *    beside the full scans they replaced (the twins of tests/integration/analytics/aggregates.test.ts);
 * 2. a writer posting 1–50 complaints 10 times a second while readers loop over the dashboard's
 *    routes through HTTP: read and POST latency, errors, throughput.
 */
import { readFileSync, rmSync } from 'node:fs';
import { hexagonCounts } from '../analytics/hexagon-counts.js';
import { serviceKpis } from '../analytics/kpis/service-kpis.js';
import { complaintRates } from '../analytics/rates/complaint-rates.js';
import { createLogger, startServer } from '../api/server.js';
import { Database } from '../store/database.js';
import { numberArgs } from './harness/number-args.js';
import { ensureDir, SCRATCH_DIR } from './harness/paths.js';
import { ensureComplaintFiles } from './inputs/complaint-files.js';
import { ensureLoadedDatabase } from './inputs/loaded-database.js';
import { PERIOD } from './inputs/period.js';
import { ensureSiteLayout } from './inputs/site-layout.js';
import { copyDurably } from './harness/copy-durably.js';

const { size: SIZE, seconds: SECONDS, readers: READERS } = numberArgs({ size: 1000000, seconds: 20, readers: 20 });
const KEY = 'bench-aggregates-key';
const log = (line: string): void => console.log(line);

const OLD_RATE_CELLS = `SELECT city, technology, strftime(received_at, '%Y-%m-%d') AS day, count(*) AS complaints
  FROM complaints GROUP BY ALL`;
const OLD_KPIS = readFileSync(new URL('../analytics/kpis/sql/service-kpis.sql', import.meta.url), 'utf8');
const OLD_KPI_PARAMS = {
  as_of: null,
  reply_limit_ms: 86_400_000,
  cluster_reply_limit_ms: 7_200_000,
  city: null,
  from_month: null,
  to_month: null,
  totals: true,
};
const OLD_HEXAGONS = `SELECT h3, count(*) AS complaints FROM complaints
  WHERE h3 IS NOT NULL AND received_at >= $from::TIMESTAMPTZ AND received_at < $to::TIMESTAMPTZ GROUP BY h3`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const fmt = (xs: readonly number[]): string =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms (n=${xs.length})`;

async function timed(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

async function quietReads(db: Database): Promise<void> {
  const month = { from: PERIOD.from, to: PERIOD.to };
  const longer = { ...month, to: '2025-10-01T05:00:00+08:00' };
  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      'rates by city,technology,month',
      () => complaintRates(db, { by: ['city', 'technology', 'month'] }),
      () => db.all(OLD_RATE_CELLS),
    ],
    ['KPIs with totals', () => serviceKpis(db, { totals: true }), () => db.all(OLD_KPIS, OLD_KPI_PARAMS)],
    ['hexagons, one month', () => hexagonCounts(db, month), () => db.all(OLD_HEXAGONS, month)],
    [
      'hexagons, res 6, one month + 5 h',
      () => hexagonCounts(db, { ...longer, resolution: 6 }),
      () => db.all(OLD_HEXAGONS, longer),
    ],
  ];
  for (const [label, now, before] of cases) {
    await now();
    await before();
    const [old, fresh] = [await timed(10, before), await timed(10, now)];
    log(`quiet ${label}: full scan (before) ${fmt(old)}; aggregates (now) ${fmt(fresh)}`);
  }
}

interface Sample {
  cities: string[];
  points: { lat: number; lon: number; city: string; technology: string }[];
  newest: number;
}

async function sample(db: Database): Promise<Sample> {
  const points = (await db.all(
    'SELECT lat, lon, city, technology FROM complaints WHERE lat IS NOT NULL USING SAMPLE 2000 ROWS',
  )) as Sample['points'];
  const [row] = await db.all('SELECT epoch_ms(max(received_at)) AS t FROM complaints');
  return { cities: [...new Set(points.map((p) => p.city))], points, newest: Number(row?.t) };
}

const CATEGORIES = ['weak_coverage', 'no_signal', 'call_drop', 'slow_data', 'voice_quality', 'no_service', 'other'];
let serial = 0;

function batch(s: Sample, clock: { t: number }): Record<string, unknown>[] {
  const size = 1 + Math.floor(Math.random() * 50);
  return Array.from({ length: size }, () => {
    clock.t += 2_000;
    const p = s.points[Math.floor(Math.random() * s.points.length)]!;
    // One in twenty arrives late (up to a day), one in fifty replaces an earlier posted complaint.
    const late = Math.random() < 0.05 ? Math.random() * 86_400_000 : 0;
    const id = Math.random() < 0.02 && serial > 10 ? `AGG-${Math.floor(Math.random() * serial)}` : `AGG-${serial++}`;
    return {
      complaint_id: id,
      received_at: new Date(clock.t - late).toISOString(),
      city: p.city,
      technology: p.technology,
      category: CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)],
      lat: p.lat,
      lon: p.lon,
    };
  });
}

const ROUTES = [
  '/v1/rates?by=city,technology,month',
  '/v1/kpis?totals=true',
  `/v1/hexagons?from=${encodeURIComponent(PERIOD.from)}`,
  '/v1/hexagons?res=6',
  '/v1/incidents?limit=50',
  '/v1/meta',
];

async function underWrites(db: Database): Promise<void> {
  const server = await startServer({
    db,
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
    logger: createLogger('silent'),
    config: { apiKeys: [KEY], rateLimitPerMinute: 0 },
  });
  const s = await sample(db);
  const clock = { t: s.newest };
  const end = performance.now() + SECONDS * 1000;
  const posts: number[] = [];
  const reads = new Map<string, number[]>(ROUTES.map((r) => [r, []]));
  let errors = 0;
  const writer = async (): Promise<void> => {
    while (performance.now() < end) {
      const started = performance.now();
      const response = await fetch(`${server.url}/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify(batch(s, clock)),
      });
      await response.arrayBuffer();
      const ms = performance.now() - started;
      if (response.status !== 200) errors += 1;
      posts.push(ms);
      await new Promise((r) => setTimeout(r, Math.max(0, 100 - ms)));
    }
  };
  const reader = async (offset: number): Promise<void> => {
    for (let i = offset; performance.now() < end; i += 1) {
      const route = ROUTES[i % ROUTES.length]!;
      const started = performance.now();
      const response = await fetch(`${server.url}${route}`);
      await response.arrayBuffer();
      if (response.status !== 200) errors += 1;
      reads.get(route)!.push(performance.now() - started);
    }
  };
  await Promise.all([writer(), ...Array.from({ length: READERS }, (_, i) => reader(i))]);
  await server.close();
  const all = [...reads.values()].flat();
  log(`under writes (${SECONDS} s, ${READERS} readers, one writer at ≤ 10 POST/s of 1–50 complaints):`);
  log(`  POST ${fmt(posts)}; reads ${fmt(all)}; ${(all.length / SECONDS).toFixed(0)} reads/s; ${errors} errors`);
  for (const [route, xs] of reads) log(`  ${route}: ${fmt(xs)}`);
}

async function main(): Promise<void> {
  const files = await ensureComplaintFiles(SIZE, log);
  await ensureSiteLayout(log);
  const loaded = await ensureLoadedDatabase(files, log);
  const copy = `${ensureDir(SCRATCH_DIR)}aggregates-${SIZE}.duckdb`;
  copyDurably(loaded.path, copy);
  rmSync(`${copy}.wal`, { force: true });
  const db = await Database.open(copy);
  try {
    await quietReads(db);
    // The server closes the database when it stops.
    await underWrites(db);
  } finally {
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  }
}

await main();
