import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestComplaints, warmLivePath } from '../../api/services/ingest-service.js';
import { Database } from '../../store/database.js';
import { ensureDir, SCRATCH_DIR } from '../harness/paths.js';
import { percentile } from '../harness/stats.js';
import { AlertListener } from './alert-listener.js';
import type { LiveComplaint, LiveComplaints } from './live-complaints.js';
import { WRITE_KEY } from './server-process.js';
import type { WarmUpStatus } from '../../api/schemas/warm-up.js';

/** p50 and p99 of a series of timings, ms, and how many failed. */
export interface Latency {
  p50?: number;
  p99?: number;
  n: number;
  errors: number;
}

export function latencyOf(samples: readonly number[], errors = 0): Latency {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length, errors };
}

/** POSTs one batch; answers the round trip (ms) and whether it was a 200 accepting every row. */
export async function postBatch(url: string, rows: readonly LiveComplaint[]): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': WRITE_KEY },
      body: JSON.stringify(rows),
    });
    const body = (await response.json()) as { accepted?: number; updated?: number };
    const ok = response.status === 200 && (body.accepted ?? 0) + (body.updated ?? 0) === rows.length;
    return { ms: performance.now() - started, ok };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

/** `count` sequential POSTs of `size` complaints each. */
export async function postLatency(url: string, live: LiveComplaints, size: number, count: number): Promise<Latency> {
  const { samples, errors } = await postSamples(url, live, size, count);
  return latencyOf(samples, errors);
}

/** `postLatency`'s round trips (ms) of the POSTs answered in full, and how many were not. */
export async function postSamples(
  url: string,
  live: LiveComplaints,
  size: number,
  count: number,
): Promise<{ samples: number[]; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  for (let i = 0; i < count; i += 1) {
    const { ms, ok } = await postBatch(url, live.batch(size));
    if (ok) samples.push(ms);
    else errors += 1;
  }
  return { samples, errors };
}

/** The start-up window of a server: its POSTs and how long its warm-up took, per step (ms). */
export interface WarmUpWindow {
  posts: Latency;
  windowMs: number;
  steps: Record<string, number | null>;
}

/**
 * 1-complaint POSTs in a row from now (right after the first /readyz 200) until `/readyz` reports the
 * warm-up done: the start-up window's latency, kept apart from the steady state measured after it.
 */
export async function warmUpLatency(url: string, live: LiveComplaints, timeoutMs = 600_000): Promise<WarmUpWindow> {
  const started = performance.now();
  const samples: number[] = [];
  let errors = 0;
  for (;;) {
    const status = await warmUpStatus(url);
    if (status.done || performance.now() - started > timeoutMs) {
      const steps = Object.fromEntries(status.steps.map((s) => [s.name, s.ms]));
      return { posts: latencyOf(samples, errors), windowMs: performance.now() - started, steps };
    }
    const { ms, ok } = await postBatch(url, live.batch(1));
    if (ok) samples.push(ms);
    else errors += 1;
  }
}

async function warmUpStatus(url: string): Promise<WarmUpStatus> {
  const response = await fetch(`${url}/readyz`);
  return ((await response.json()) as { warm_up: WarmUpStatus }).warm_up;
}

/** The HTTP floor on the same server: `count` sequential GET /healthz. */
export async function healthzLatency(url: string, count: number): Promise<Latency> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return latencyOf(samples);
}

/**
 * POST latency and SSE delay of a batch that completes a group: five complaints of a burst go
 * first (not timed), then a timed POST of `size` rows whose last is the burst's sixth; the delay
 * runs from the POST's start to the arrival of the incident.opened event naming that complaint.
 */
export async function sseDelay(
  url: string,
  live: LiveComplaints,
  size: number,
  count: number,
): Promise<{ post: Latency; event: Latency }> {
  const listener = await AlertListener.open(url);
  const posts: number[] = [];
  const events: number[] = [];
  let errors = 0;
  try {
    for (let i = 0; i < count; i += 1) {
      const burst = live.burst();
      await postBatch(url, burst.slice(0, 5));
      const rows = [...live.batch(size - 1), burst[5]!];
      const started = performance.now();
      const { ms, ok } = await postBatch(url, rows);
      const event = await listener.waitFor('incident.opened', burst[5]!.complaint_id);
      if (!ok || event === undefined) errors += 1;
      else {
        posts.push(ms);
        events.push(event.at - started);
      }
    }
  } finally {
    listener.close();
  }
  return { post: latencyOf(posts, errors), event: latencyOf(events, errors) };
}

/** The peer of a POST: a bare DuckDB appender insert of the same rows into a table of their own. */
export async function appenderLatency(live: LiveComplaints, size: number, count: number): Promise<Latency> {
  const path = `${ensureDir(SCRATCH_DIR)}live-appender-${size}.duckdb`;
  rmSync(path, { force: true });
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const samples: number[] = [];
  try {
    await conn.run(`CREATE TABLE peer (complaint_id VARCHAR, received_at TIMESTAMPTZ, city VARCHAR, category VARCHAR,
      technology VARCHAR, lat DOUBLE, lon DOUBLE)`);
    for (let i = 0; i < count; i += 1) samples.push(await appendOnce(conn, live.batch(size)));
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(path, { force: true });
    rmSync(`${path}.wal`, { force: true });
  }
  return latencyOf(samples);
}

async function appendOnce(
  conn: Awaited<ReturnType<DuckDBInstance['connect']>>,
  rows: readonly LiveComplaint[],
): Promise<number> {
  const started = performance.now();
  const appender = await conn.createAppender('peer');
  for (const r of rows) {
    for (const text of [r.complaint_id, r.received_at, r.city, r.category, r.technology]) appender.appendVarchar(text);
    appender.appendDouble(r.lat);
    appender.appendDouble(r.lon);
    appender.endRow();
  }
  appender.closeSync();
  return performance.now() - started;
}

/**
 * Live triage's cost (issue 16: within 10 %): in process on the database at `path` (no server on
 * it), `count` batches of `size` written by the live path, alternately with triage and without, so
 * both sides meet the same load; the triage's in-memory data is loaded before the first timed one.
 */
export async function triageCost(
  path: string,
  live: LiveComplaints,
  size: number,
  count: number,
): Promise<{ on: Latency; off: Latency }> {
  const db = await Database.open(path);
  const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
  try {
    await warmLivePath(db); // as the server does once it listens
    for (let i = -2; i < 2 * count; i += 1) {
      const triage = i % 2 === 0;
      const started = performance.now();
      await ingestComplaints(db, { items: live.batch(size), name: 'api', triage });
      if (i >= 0) times[triage ? 'on' : 'off'].push(performance.now() - started);
    }
  } finally {
    await db.close();
  }
  return { on: latencyOf(times.on), off: latencyOf(times.off) };
}
