/**
 * A quick measure of the live write path: POST /v1/complaints latency (1 and 100 complaints) on a
 * real server over a small database (the checked-in sample) and over one built from the bench's
 * generated complaints (incidents included), posting new complaints after the newest one.
 *
 *   npx tsx bench/live-latency.ts [--size sample|1000000] [--posts 200]
 *
 * The formal "live" bench section (soak, restart, SSE delay) calls the same route.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ingestFile } from '../api/services/ingest-service.js';
import { createLogger, startServer } from '../api/server.js';
import { Database } from '../store/database.js';
import { ensureComplaintFiles } from './inputs/complaint-files.js';
import { ensureSiteLayout, SITES_CSV, SUBSCRIBERS_CSV } from './inputs/site-layout.js';
import { DATA_DIR, ensureDir, ROOT_DIR } from './harness/paths.js';

const KEY = 'live-latency-bench-key';
const CENTRES = [
  [45.75, 126.63],
  [46.58, 125.1],
  [47.35, 123.92],
  [44.58, 129.6],
  [46.8, 130.32],
] as const;
const CATEGORIES = ['weak_coverage', 'no_signal', 'call_drop', 'slow_data'];

async function openLoaded(size: string): Promise<Database> {
  const path = `${ensureDir(DATA_DIR)}live-${size}.duckdb`;
  const fresh = !existsSync(path);
  const db = await Database.open(path, { settings: { h3Resolution: 8 } });
  if (!fresh) return db;
  const sample = size === 'sample';
  if (!sample) await ensureSiteLayout(console.log);
  const files = sample
    ? {
        sites: `${ROOT_DIR}datasets/sample/sites.csv`,
        subs: `${ROOT_DIR}datasets/sample/subscribers.csv`,
        complaints: `${ROOT_DIR}datasets/sample/complaints.csv`,
      }
    : {
        sites: SITES_CSV,
        subs: SUBSCRIBERS_CSV,
        complaints: (await ensureComplaintFiles(Number(size), console.log)).csv,
      };
  const started = performance.now();
  await ingestFile(db, { kind: 'sites', source: { path: files.sites, format: 'csv' }, actor: 'bench' });
  await ingestFile(db, { kind: 'subscribers', source: { path: files.subs, format: 'csv' }, actor: 'bench' });
  const source = { path: files.complaints, format: 'csv' as const };
  const loaded = await ingestFile(db, { kind: 'complaints', source, actor: 'bench' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`loaded ${loaded.accepted} complaints in ${seconds} s into ${path}`);
  return db;
}

/**
 * `n` new complaints after `t0` at the bench's density (a million a month: one every 2.6 s),
 * spread around the city centres; every 50th starts a burst of six in one place within minutes,
 * so some posts open or grow an incident.
 */
function batch(prefix: string, n: number, t0: number, seq: { next: number }): Record<string, unknown>[] {
  return Array.from({ length: n }, () => {
    const k = seq.next++;
    const burst = k % 50 < 6;
    const anchor = burst ? k - (k % 50) : k;
    const [lat, lon] = CENTRES[anchor % CENTRES.length]!;
    const spread = burst ? 2e-4 : 1e-3;
    return {
      complaint_id: `${prefix}-${k}`,
      received_at: new Date(t0 + k * 2600).toISOString(),
      city: 'Harbin',
      category: CATEGORIES[anchor % CATEGORIES.length],
      technology: 'LTE',
      lat: lat + (((anchor * 7919) % 200) - 100) * spread,
      lon: lon + (((anchor * 104_729) % 200) - 100) * spread,
    };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function spread(sorted: readonly number[]): string {
  return `p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms`;
}

async function main(): Promise<void> {
  const options = { size: { type: 'string', default: 'sample' }, posts: { type: 'string', default: '200' } } as const;
  const { values } = parseArgs({ options });
  const db = await openLoaded(values.size);
  const server = await startServer({
    db,
    port: 0,
    handleSignals: false,
    logger: createLogger('silent'),
    config: { apiKeys: [KEY], rateLimitPerMinute: 0, dashboardDir: `${DATA_DIR}no-dashboard` },
  });
  const newest = (await db.all('SELECT epoch_ms(max(received_at)) AS t, count(*) AS n FROM complaints'))[0]!;
  const t0 = Number(newest.t) + 3_600_000;
  const seq = { next: 0 };
  const prefix = `LIVE${Date.now().toString(36)}`;
  const post = async (n: number): Promise<number> => {
    const body = JSON.stringify(batch(prefix, n, t0, seq));
    const started = performance.now();
    const headers = { 'content-type': 'application/json', 'x-api-key': KEY };
    const response = await fetch(`${server.url}/v1/complaints`, { method: 'POST', headers, body });
    await response.json();
    if (response.status !== 200) throw new Error(`POST answered ${response.status}`);
    return performance.now() - started;
  };
  console.log(`database: ${values.size} (${Number(newest.n)} complaints)`);
  // How loaded the machine is: one trivial statement on the database, timed the same way.
  const trivial: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    await db.all('SELECT 1');
    trivial.push(performance.now() - started);
  }
  trivial.sort((a, b) => a - b);
  console.log(`baseline SELECT 1: ${spread(trivial)}`);
  for (const n of [1, 100]) {
    const posts = n === 1 ? Number(values.posts) : Math.ceil(Number(values.posts) / 4);
    for (let i = 0; i < 5; i += 1) await post(n);
    const times: number[] = [];
    for (let i = 0; i < posts; i += 1) times.push(await post(n));
    times.sort((a, b) => a - b);
    console.log(`POST ${n} complaint(s) x${posts}: ${spread(times)}`);
  }
  await server.close();
}

await main();
