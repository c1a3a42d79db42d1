import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureDir, SCRATCH_DIR } from './harness/paths.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { sizeLabel } from './harness/stats.js';
import { LiveComplaints, type CityCentre } from './live/live-complaints.js';
import { addTargets, liveNotes, liveRows, pairedRows } from './live/live-report.js';
import { pairedScaling, type PairedScaling, type ScalingSide } from './live/paired-scaling.js';
import {
  appenderLatency,
  healthzLatency,
  postLatency,
  sseDelay,
  triageCost,
  warmUpLatency,
} from './live/post-latency.js';
import { measureRestart } from './live/restart.js';
import { startServerProcess } from './live/server-process.js';
import { soak, type SoakResult } from './live/soak.js';
import { denseRecord } from './ingest.js';
import { ensureServiceDatabase } from './inputs/service-database.js';
import { copyDurably } from './harness/copy-durably.js';
import type { LiveRecord } from './live/live-record.js';

const HEADERS = ['size', ' case', 'p50', 'p99', 'n', ' baseline (same run)', 'baseline p50', 'baseline p99', ' note'];

/** Live database facts the cases need: where the cities are and when the history ends. */
export interface History {
  cities: CityCentre[];
  endMs: number;
  lastMonth: string;
}

/** Live service: POST latency and SSE delay, a soak of one writer and 20 readers, restart time. */
export async function runLiveBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection(
    'live',
    'Live service: POST latency, alert delay, soak, restart (cellpulse serve, loopback)',
    HEADERS,
  );
  const sizes = liveSizes(ctx);
  const soakSize = sizes.filter((s) => s <= 1_000_000).at(-1) ?? sizes[0]!;
  const records: LiveRecord[] = [];
  for (const size of sizes) {
    try {
      const record = await measureSize(ctx, size, size === soakSize);
      if (size === soakSize) {
        ctx.log(`live ${sizeLabel(size)}: dense batch ingest beside the peer`);
        record.dense = await denseRecord(ctx, size, true);
      }
      records.push(record);
      section.records.push(record);
      section.rows.push(...liveRows(record));
    } catch (error) {
      // One failed size is reported in the table; the other sizes and sections still run.
      const message = String((error as Error).message)
        .split('\n')[0]!
        .slice(0, 200);
      ctx.log(`live ${sizeLabel(size)} failed: ${message}`);
      const failed = [sizeLabel(size), 'every live case', '—', '—', '0', '', '—', '—', `failed: ${message}`];
      section.rows.push(failed);
    }
  }
  const paired = await measurePaired(ctx, records);
  if (paired) {
    section.records.push(paired);
    section.rows.push(...pairedRows(paired));
  }
  addTargets(section, records, paired);
  section.notes.push(...liveNotes(ctx));
  return section;
}

/** The 10M ÷ 1M POST figures, the two servers side by side (when both sizes ran). */
async function measurePaired(ctx: BenchContext, records: readonly LiveRecord[]): Promise<PairedScaling | undefined> {
  const [small, large] = [1_000_000, 10_000_000];
  if (!records.some((r) => r.size === small) || !records.some((r) => r.size === large)) return undefined;
  ctx.log('live: POST latency at 1M and 10M side by side (alternating rounds)');
  try {
    const side = async (size: number): Promise<ScalingSide> => {
      const path = (await ensureServiceDatabase(size, ctx.log)).path;
      return { size, path, ...(await readHistory(path)) };
    };
    return await pairedScaling(await side(small), await side(large), 10, { one: 30, hundred: 10 });
  } catch (error) {
    ctx.log(`live: the side-by-side POSTs failed: ${String((error as Error).message).split('\n')[0]}`);
    return undefined;
  }
}

/** 1M and 10M when the run has them (the sizes), else every size of the run (--quick: the small one). */
function liveSizes(ctx: BenchContext): number[] {
  const big = ctx.sizes.filter((s) => s >= 1_000_000);
  return ctx.quick || big.length === 0 ? [ctx.sizes[0]!] : big;
}

async function measureSize(ctx: BenchContext, size: number, withSoak: boolean): Promise<LiveRecord> {
  const db = `${ensureDir(SCRATCH_DIR)}live-${size}.duckdb`;
  copyDurably((await ensureServiceDatabase(size, ctx.log)).path, db);
  try {
    const history = await readHistory(db);
    const counts = ctx.quick
      ? { one: 60, hundred: 20, sse: 5, healthz: 60 }
      : { one: 300, hundred: 100, sse: 20, healthz: 200 };
    const record = await measurePosts(ctx, size, db, history, counts);
    ctx.log(`live ${sizeLabel(size)}: live triage on vs off (in process)`);
    const paired = new LiveComplaints('triage', history.cities, history.endMs + 2e9);
    record.triageOne = await triageCost(db, paired, 1, counts.one);
    // As many pairs as of single complaints: a ratio of two medians wants more samples than one median.
    record.triageHundred = await triageCost(db, paired, 100, counts.one);
    if (withSoak) record.soak = await measureSoak(ctx, db, history);
    ctx.log(`live ${sizeLabel(size)}: restart times`);
    record.restart = await measureRestart(
      db,
      `${SCRATCH_DIR}live-empty.duckdb`,
      new LiveComplaints('rst', history.cities, history.endMs + 9e9),
      ctx.quick ? 2 : 3,
    );
    return record;
  } finally {
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
  }
}

async function measurePosts(
  ctx: BenchContext,
  size: number,
  db: string,
  history: History,
  counts: { one: number; hundred: number; sse: number; healthz: number },
): Promise<LiveRecord> {
  const server = await startServerProcess(db);
  try {
    const live = new LiveComplaints('live', history.cities, history.endMs);
    ctx.log(`live ${sizeLabel(size)}: POSTs during the start-up warm-up`);
    const warmUp = await warmUpLatency(server.url, live);
    ctx.log(`live ${sizeLabel(size)}: POST latency (${counts.one} × 1, ${counts.hundred} × 100) and SSE delay`);
    const healthz = await healthzLatency(server.url, counts.healthz);
    const one = await postLatency(server.url, live, 1, counts.one);
    const hundred = await postLatency(server.url, live, 100, counts.hundred);
    const sseOne = await sseDelay(server.url, live, 1, counts.sse);
    const sseHundred = await sseDelay(server.url, live, 100, counts.sse);
    const peer = new LiveComplaints('peer', history.cities, history.endMs);
    const appenderOne = await appenderLatency(peer, 1, counts.one);
    const appenderHundred = await appenderLatency(peer, 100, counts.hundred);
    return { size, warmUp, healthz, one, hundred, appenderOne, appenderHundred, sseOne, sseHundred };
  } finally {
    await server.stop();
  }
}

/** The soak on its own server, then (server stopped) the count check of every acknowledged complaint. */
async function measureSoak(ctx: BenchContext, db: string, history: History): Promise<SoakResult & { present: number }> {
  const seconds = ctx.quick ? 60 : 300;
  ctx.log(`live: soak of ${seconds} s (1 writer at 10 req/s, 20 readers)`);
  const server = await startServerProcess(db);
  const live = new LiveComplaints('soak', history.cities, history.endMs + 4e9);
  let result: SoakResult;
  try {
    result = await soak(server.url, live, {
      seconds,
      writesPerSecond: 10,
      batchMin: 1,
      batchMax: 50,
      readers: 20,
      readPaths: dashboardPaths(history.lastMonth),
    });
  } finally {
    await server.stop();
  }
  return { ...result, present: await countPrefix(db, 'soak-') };
}

/** What the dashboard asks for on a page load and on a filter change (api/dashboard/src/dashboard.ts). */
export function dashboardPaths(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01T00:00:00+08:00`;
  const to = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`;
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return [
    '/v1/meta',
    '/v1/rates?by=technology,month',
    `/v1/rates?by=city&from=${month}&to=${month}`,
    `/v1/rates?by=city,month&from=${month}&to=${month}`,
    `/v1/kpis?from_month=${month}&to_month=${month}`,
    `/v1/hexagons?${period}&res=4`,
    `/v1/incidents?${period}`,
  ];
}

export async function readHistory(path: string): Promise<History> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    const cities = (
      await conn.runAndReadAll(`SELECT city, median(lat) AS lat, median(lon) AS lon FROM complaints
      WHERE lat IS NOT NULL GROUP BY city HAVING count(*) > 100 ORDER BY city`)
    ).getRowObjectsJS();
    const end = (
      await conn.runAndReadAll(`SELECT epoch_ms(max(received_at)) AS t,
      strftime(max(received_at) AT TIME ZONE 'Asia/Shanghai', '%Y-%m') AS m FROM complaints`)
    ).getRowObjectsJS()[0]!;
    return {
      cities: cities.map((c) => ({ city: String(c.city), lat: Number(c.lat), lon: Number(c.lon) })),
      endMs: Number(end.t) + 60_000,
      lastMonth: String(end.m),
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function countPrefix(path: string, prefix: string): Promise<number> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    const rows = (
      await conn.runAndReadAll('SELECT count(*) AS n FROM complaints WHERE starts_with(complaint_id, $p)', {
        p: prefix,
      })
    ).getRowsJS();
    return Number(rows[0]?.[0] ?? 0);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
