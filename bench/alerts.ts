import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { Database } from '../store/database.js';
import { runCase } from './harness/child-case.js';
import { numberArg, stringArg, type CaseArgs, type Measured } from './harness/case-types.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { ensureDir, SCRATCH_DIR } from './harness/paths.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatRatio, sizeLabel } from './harness/stats.js';
import { copyDurably } from './harness/copy-durably.js';

const KEY = 'bench-alerts-key-0123';
const ENDPOINTS = 10;
const PAUSE_MS = 250;
/** POST p50 with the webhooks may be at most this much above the run without them. */
const LATENCY_SLACK = 1.25;

/**
 * Webhook receivers in their own process (their CPU is not the server's): the first hangs (never
 * answers), the others answer 204 and print `<subject> <type> <epoch ms>` per post.
 */
const RECEIVERS = `
const http = require('node:http');
const n = Number(process.argv[1]);
const urls = [];
let ready = 0;
for (let i = 0; i < n; i += 1) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (i === 0) return;
      const e = JSON.parse(body);
      process.stdout.write(e.subject + ' ' + e.type + ' ' + Date.now() + '\\n');
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    urls[i] = 'http://127.0.0.1:' + server.address().port + '/hook';
    if ((ready += 1) === n) process.stdout.write('URLS ' + JSON.stringify(urls) + '\\n');
  });
}`;

interface Receivers {
  urls: string[];
  /** Receipt times (epoch ms) of opened events, by incident id, per healthy endpoint. */
  received: Map<string, number[]>;
  child: ChildProcess;
}

function startReceivers(n: number): Promise<Receivers> {
  const child = spawn(process.execPath, ['-e', RECEIVERS, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const received = new Map<string, number[]>();
  return new Promise((resolve) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const [a, b, c] = buffer.slice(0, end).split(' ');
        buffer = buffer.slice(end + 1);
        if (a === 'URLS') resolve({ urls: JSON.parse(b!) as string[], received, child });
        else if (b === 'cellpulse.incident.opened') received.set(a!, [...(received.get(a!) ?? []), Number(c)]);
      }
    });
  });
}

/** Six complaints in one hexagon within five minutes, two hours after the last burst: one new incident. */
function burst(i: number): Record<string, unknown>[] {
  const base = Date.parse('2030-01-01T00:00:00Z') + i * 2 * 3_600_000;
  return Array.from({ length: 6 }, (_, k) => ({
    complaint_id: `BENCH-ALERT-${i}-${k}`,
    received_at: new Date(base + k * 60_000).toISOString(),
    city: 'Harbin',
    category: 'call_drop',
    technology: 'LTE',
    lat: 45.7512 + (i % 7) * 0.0501,
    lon: 126.6311,
  }));
}

/**
 * One server over a copy of the loaded database; `posts` live POSTs, `pauseMs` apart, each
 * opening an incident (and closing the one before), with `endpoints` webhooks (the first
 * hanging) or none. Reports POST latency, delivery latency to the healthy endpoints and the
 * server process's CPU per stored event.
 */
async function alertsFanout(args: CaseArgs): Promise<Measured> {
  const endpoints = numberArg(args, 'endpoints');
  const posts = numberArg(args, 'posts');
  const pauseMs = numberArg(args, 'pauseMs', 250);
  const file = `${ensureDir(SCRATCH_DIR)}alerts-${endpoints}-${process.pid}.duckdb`;
  copyDurably(stringArg(args, 'db'), file);
  const receivers = endpoints > 0 ? await startReceivers(endpoints) : undefined;
  const { startServer, createLogger } = await import('../api/server.js');
  const db = await Database.open(file);
  const server = await startServer({
    db,
    port: 0,
    handleSignals: false,
    logger: createLogger('silent'),
    config: { apiKeys: [KEY], rateLimitPerMinute: 0, webhookUrls: receivers?.urls ?? [], webhookTimeoutMs: 2000 },
  });
  try {
    for (let i = 0; i < 3; i += 1) await post(server.url, burst(i));
    const firstSeq = await maxSeq(db);
    const answered = new Map<string, number>();
    const latencies: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 3; i < posts + 3; i += 1) {
      const t0 = performance.now();
      const ids = await post(server.url, burst(i));
      latencies.push(performance.now() - t0);
      for (const id of ids) answered.set(id, Date.now());
      // A live stream, not a flood: complaints arrive a few times a second.
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    const delivery = receivers ? await deliveryLatencies(receivers, answered, endpoints - 1) : [];
    const used = process.cpuUsage(cpu);
    const events = (await maxSeq(db)) - firstSeq;
    return {
      ms: performance.now() - started - posts * pauseMs,
      rows: posts * 6,
      events,
      postP50: quantile(latencies, 0.5),
      postP99: quantile(latencies, 0.99),
      deliveryP50: quantile(delivery, 0.5),
      deliveryP99: quantile(delivery, 0.99),
      cpuMsPerEvent: (used.user + used.system) / 1000 / events,
    };
  } finally {
    await server.close();
    receivers?.child.kill('SIGKILL');
    for (const f of [file, `${file}.wal`]) if (existsSync(f)) rmSync(f, { force: true });
  }
}

async function post(url: string, body: unknown): Promise<string[]> {
  const response = await fetch(`${url}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST answered ${response.status}`);
  return ((await response.json()) as { incidents: { incident_id: string }[] }).incidents.map((i) => i.incident_id);
}

async function maxSeq(db: Database): Promise<number> {
  return Number((await db.all('SELECT coalesce(max(seq), 0) AS s FROM alert_events'))[0]?.s ?? 0);
}

/** Waits (up to 30 s) until every healthy endpoint has every opened incident; ms from POST answer to receipt. */
async function deliveryLatencies(r: Receivers, answered: Map<string, number>, healthy: number): Promise<number[]> {
  const until = Date.now() + 30_000;
  const complete = (): boolean => [...answered.keys()].every((id) => (r.received.get(id)?.length ?? 0) >= healthy);
  while (!complete() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  return [...answered].flatMap(([id, at]) => (r.received.get(id) ?? []).map((t) => t - at));
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const alertsCases = { 'alerts-fanout': alertsFanout };

const TITLE = 'Alerts: webhook fan-out (10 endpoints, one hanging) beside live POST latency';
const HEADERS = [
  'size',
  'webhook endpoints',
  'POSTs',
  'POST p50 ms',
  'POST p99 ms',
  'events',
  'delivery p50 ms',
  'delivery p99 ms',
  'server CPU ms / event',
];

/** Alerts: the cost of fanning events out to 10 webhooks (one hanging) beside the live POST latency. */
export async function runAlertsBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection('alerts', TITLE, HEADERS);
  const posts = ctx.quick ? 20 : 100;
  const size = ctx.sizes[0]!;
  const db = (await ctx.loaded(size)).path;
  const [none, ten] = await interleave(
    ctx.repeatsFor(size),
    [
      {
        label: `alerts ${sizeLabel(size)} no webhooks`,
        run: () => runCase('alerts-fanout', { db, endpoints: 0, posts, pauseMs: PAUSE_MS }),
      },
      {
        label: `alerts ${sizeLabel(size)} ${ENDPOINTS} webhooks`,
        run: () => runCase('alerts-fanout', { db, endpoints: ENDPOINTS, posts, pauseMs: PAUSE_MS }),
      },
    ],
    ctx.log,
  );
  for (const [n, s] of [
    [0, none!],
    [ENDPOINTS, ten!],
  ] as const) {
    section.records.push({ size, endpoints: n, summary: s });
    section.rows.push(alertsRow(size, n, posts, s));
  }
  const ratio = Number(ten!.measured?.postP50) / Number(none!.measured?.postP50);
  section.targets.push({
    name: `alerts ${sizeLabel(size)}: live POST latency with ${ENDPOINTS} webhooks (one hanging)`,
    goal: `POST p50 ≤ ${LATENCY_SLACK}× the run without webhooks`,
    measured: Number.isFinite(ratio) ? formatRatio(ratio) : statusText(ten!),
    met: Number.isFinite(ratio) ? ratio <= LATENCY_SLACK : null,
  });
  section.notes.push(
    `Each run copies the loaded ${sizeLabel(size)} database, starts the API in the measuring process and ` +
      `POSTs ${posts} bursts, each ${PAUSE_MS} ms after the previous answer (a live stream), each opening ` +
      `an incident and closing the one before (2 stored events per POST). Webhook receivers run in their ` +
      `own process: the first never answers (the per-attempt timeout is 2 s), the others answer 204. ` +
      `Delivery latency: from the POST's answer to each healthy endpoint's receipt of the incident.opened ` +
      `event. CPU: the server process's user+system time over the POSTs and deliveries, per stored event ` +
      `(webhook fan-out plus ingest).`,
  );
  return section;
}

function alertsRow(size: number, endpoints: number, posts: number, s: Summary): string[] {
  if (s.status !== 'ok' || !s.measured)
    return [sizeLabel(size), String(endpoints), String(posts), statusText(s), '', '', '', '', ''];
  const m = s.measured;
  const ms = (v: unknown): string => (Number.isFinite(Number(v)) ? Number(v).toFixed(1) : '—');
  return [
    sizeLabel(size),
    String(endpoints),
    String(posts),
    ms(m.postP50),
    ms(m.postP99),
    String(m.events),
    endpoints === 0 ? '—' : ms(m.deliveryP50),
    endpoints === 0 ? '—' : ms(m.deliveryP99),
    ms(m.cpuMsPerEvent),
  ];
}
