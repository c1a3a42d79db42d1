import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import Fastify from 'fastify';
import { Database } from '../store/database.js';
import { PERIOD } from './inputs/period.js';
import { startChildServer, type ChildServer } from './harness/child-case.js';
import { numberArg, stringArg, type CaseArgs, type Served } from './harness/case-types.js';
import { median } from './harness/stats.js';
import { ensureDir, ROOT_DIR, SCRATCH_DIR } from './harness/paths.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatCount, formatRatio, sizeLabel } from './harness/stats.js';
import { copyDurably } from './harness/copy-durably.js';

/** The cellpulse API on a free loopback port: no rate limit, quiet logs, result cache on or off. */
async function serveCellpulse(args: CaseArgs): Promise<Served> {
  // Loaded here, not at the top, so the other benchmarks' processes do not load the API.
  const server = await import('../api/server.js');
  const db = await Database.open(stringArg(args, 'db'));
  const running = await server.startServer({
    db,
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
    config: { rateLimitPerMinute: 0, resultCacheEntries: numberArg(args, 'cacheEntries') },
    logger: server.createLogger('silent'),
  });
  return { url: running.url, close: running.close };
}

/** The floor: a fastify hello-world on the same loopback. */
async function serveHello(): Promise<Served> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

export const httpServers = { 'serve-cellpulse': serveCellpulse, 'serve-hello': serveHello };

/** What one autocannon run reports. */
interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytesPerReq: number;
}

const AUTOCANNON = `${ROOT_DIR}node_modules/autocannon/autocannon.js`;
const CONNECTIONS = 10;

/** Runs autocannon (its own process, so its CPU is not the server's) against `url`. */
function autocannon(url: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [AUTOCANNON, '-j', '-n', '-c', String(CONNECTIONS), '-d', String(seconds), url],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        throughput: { total: number };
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        bytesPerReq: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
      });
    });
  });
}

interface Target {
  label: string;
  server: 'hello' | 'cached' | 'uncached';
  path: string;
}

export interface HttpRecord {
  size: number;
  label: string;
  path: string;
  status: 'ok' | 'error';
  message?: string;
  runs: LoadResult[];
  rps?: number;
  p50?: number;
  p99?: number;
  bytesPerReq?: number;
  /** Median of this route's requests/s over hello-world's in the same round. */
  ratioToHello?: number;
}

const HEXAGONS_PATH = `/v1/hexagons?from=${encodeURIComponent(PERIOD.from)}&to=${encodeURIComponent(PERIOD.to)}`;
const RATES_PATH = '/v1/rates?by=city,technology,month';
const HEADERS = ['size', ' route', 'requests/s', 'p50 ms', 'p99 ms', 'bytes/response', 'req/s vs hello-world', ' note'];

/** 5. HTTP: autocannon on loopback, cellpulse routes vs a fastify hello-world, interleaved per round. */
export async function runHttpBench(ctx: BenchContext, size: number): Promise<Section> {
  const section = emptySection('http', '5. HTTP (autocannon, loopback) vs fastify hello-world', HEADERS);
  const seconds = ctx.quick ? 2 : 10;
  section.notes.push(
    `autocannon -c ${CONNECTIONS} -d ${seconds} in its own process, per route per round, rounds interleaved ` +
      `(hello-world, then each cellpulse route); medians over ${ctx.repeatsFor(size)} rounds. Servers: the ` +
      `cellpulse API (\`startServer\`, rate limit off, silent logger) on the loaded ${sizeLabel(size)} ` +
      `database — once with its per-data-version result cache (default, 64 entries), once on a copy with the ` +
      `cache off (every request runs the query) — and a bare fastify hello-world.`,
  );
  const loaded = await ctx.loaded(size);
  const copy = `${ensureDir(SCRATCH_DIR)}http-uncached-${size}.duckdb`;
  copyDurably(loaded.path, copy);
  const servers: Partial<Record<Target['server'], ChildServer>> = {};
  try {
    servers.hello = await startChildServer('serve-hello', {});
    servers.cached = await startChildServer('serve-cellpulse', { db: loaded.path, cacheEntries: 64 });
    servers.uncached = await startChildServer('serve-cellpulse', { db: copy, cacheEntries: 0 });
    const records = await measureRounds(
      ctx,
      size,
      seconds,
      servers as Record<Target['server'], ChildServer>,
      ROUTE_TARGETS,
    );
    for (const r of records) {
      section.records.push(r);
      section.rows.push(httpRow(r));
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s?.stop()));
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  }
  return section;
}

/** Routes to load, each paired with the server it goes to. */
const ROUTE_TARGETS: Target[] = [
  { label: 'hello-world GET /', server: 'hello', path: '/' },
  { label: 'GET /v1/hexagons (one month), result cache on', server: 'cached', path: HEXAGONS_PATH },
  { label: 'GET /v1/hexagons (one month), cache off', server: 'uncached', path: HEXAGONS_PATH },
  { label: 'GET /v1/rates by city,technology,month, cache on', server: 'cached', path: RATES_PATH },
  { label: 'GET /v1/rates by city,technology,month, cache off', server: 'uncached', path: RATES_PATH },
];

async function measureRounds(
  ctx: BenchContext,
  size: number,
  seconds: number,
  servers: Record<Target['server'], ChildServer>,
  targets: Target[],
): Promise<HttpRecord[]> {
  const records: HttpRecord[] = targets.map((t) => ({ size, label: t.label, path: t.path, status: 'ok', runs: [] }));
  for (const [i, t] of targets.entries()) {
    const res = await fetch(servers[t.server].url + t.path);
    await res.arrayBuffer();
    if (!res.ok) Object.assign(records[i]!, { status: 'error', message: `warm-up answered ${res.status}` });
  }
  const ratios: number[][] = targets.map(() => []);
  for (let round = 0; round < ctx.repeatsFor(size); round += 1) {
    let hello: number | undefined;
    for (const [i, t] of targets.entries()) {
      if (records[i]!.status !== 'ok') continue;
      const result = await autocannon(servers[t.server].url + t.path, seconds);
      records[i]!.runs.push(result);
      if (t.server === 'hello') hello = result.rps;
      else if (hello) ratios[i]!.push(result.rps / hello);
      ctx.log(
        `http ${t.label} ${round + 1}/${ctx.repeatsFor(size)}: ${result.rps.toFixed(0)} req/s, p50 ` +
          `${result.p50} ms, p99 ${result.p99} ms${result.non2xx ? `, ${result.non2xx} non-2xx` : ''}`,
      );
    }
  }
  return records.map((r, i) => ({
    ...r,
    rps: median(r.runs.map((x) => x.rps)),
    p50: median(r.runs.map((x) => x.p50)),
    p99: median(r.runs.map((x) => x.p99)),
    bytesPerReq: median(r.runs.map((x) => x.bytesPerReq)),
    ratioToHello: median(ratios[i]!),
  }));
}

function latency(ms: number | undefined): string {
  return ms === undefined ? '—' : ms.toFixed(ms < 10 ? 1 : 0);
}

function httpRow(r: HttpRecord): string[] {
  if (r.status !== 'ok') return [sizeLabel(r.size), r.label, r.message ?? r.status, '', '', '', '', ''];
  const non2xx = r.runs.reduce((n, x) => n + x.non2xx + x.errors, 0);
  return [
    sizeLabel(r.size),
    r.label,
    formatCount(r.rps),
    latency(r.p50),
    latency(r.p99),
    formatCount(r.bytesPerReq),
    r.label.startsWith('hello') ? '1.00×' : formatRatio(r.ratioToHello),
    non2xx > 0 ? `${non2xx} non-2xx/errors` : '',
  ];
}
