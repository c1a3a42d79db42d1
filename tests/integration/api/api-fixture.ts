import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import { expect } from 'vitest';
import { createLogger, startServer, type RunningServer } from '../../../api/server.js';
import type { ServerConfigInput } from '../../../api/schemas/server-config.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { Database } from '../../../store/database.js';

export const WRITE_KEY = 'test-key-0123456789';

/** Two cities' worth of cells: Hangzhou (active LTE/NR, one fault) and Ningbo (one planned). */
export const SITES = [
  {
    cell_id: 'HZ-1',
    site_id: 'S1',
    city: 'Hangzhou',
    technology: 'LTE',
    lat: 30.2741,
    lon: 120.1551,
    azimuth: 0,
    status: 'active',
  },
  {
    cell_id: 'HZ-2',
    site_id: 'S1',
    city: 'Hangzhou',
    technology: 'NR',
    lat: 30.2741,
    lon: 120.1551,
    azimuth: 120,
    status: 'active',
  },
  { cell_id: 'HZ-3', site_id: 'S2', city: 'Hangzhou', technology: 'LTE', lat: 30.2901, lon: 120.2001, status: 'fault' },
  { cell_id: 'NB-1', site_id: 'S3', city: 'Ningbo', technology: 'LTE', lat: 29.8683, lon: 121.544, status: 'planned' },
];

export const SUBSCRIBERS = [
  { city: 'Hangzhou', technology: 'LTE', month: '2024-05', subscribers: 100000 },
  { city: 'Ningbo', technology: 'LTE', month: '2024-05', subscribers: 50000 },
];

/** Seed complaints: 4 located by point, 1 by cell, 1 unlocated, 1 bad (rejected); days apart, so no incident. */
export const COMPLAINTS = [
  complaint('C-1', '2024-05-01T09:00:00+08:00', 'Hangzhou', 'weak_coverage', 'LTE', 30.2741, 120.1551),
  complaint('C-2', '2024-05-02T09:00:00+08:00', 'Hangzhou', 'weak_coverage', 'LTE', 30.2745, 120.1555),
  complaint('C-3', '2024-05-03T09:00:00+08:00', 'Hangzhou', 'call_drop', 'NR', 30.2901, 120.2001),
  complaint('C-4', '2024-05-04T09:00:00+08:00', 'Ningbo', 'slow_data', 'LTE', 29.8683, 121.544),
  {
    complaint_id: 'C-5',
    received_at: '2024-05-05T09:00:00+08:00',
    city: 'Hangzhou',
    category: 'no_signal',
    technology: 'LTE',
    cell_id: 'HZ-3',
  },
  {
    complaint_id: 'C-6',
    received_at: '2024-05-06T09:00:00+08:00',
    city: 'Ningbo',
    category: 'other',
    technology: 'GSM',
  },
  complaint('C-7', '2024-05-07T09:00:00+08:00', 'Ningbo', 'other', 'LTE', 123.4, 121.5),
];
export const LOCATED_SEED = 5;

export function complaint(
  id: string,
  at: string,
  city: string,
  category: string,
  technology: string,
  lat: number,
  lon: number,
): Record<string, unknown> {
  return { complaint_id: id, received_at: at, city, category, technology, lat, lon };
}

/** A complaint of category other at one point in Harbin, `minute` minutes after 2026-10-01 00:00 UTC. */
export function harbinComplaint(id: string, minute: number): Record<string, unknown> {
  const at = new Date(Date.parse('2026-10-01T00:00:00Z') + minute * 60_000).toISOString();
  return complaint(id, at, 'Harbin', 'other', 'LTE', 45.7, 126.6);
}

/** Six complaints of one category a minute apart at one point: one incident. */
export function burst(
  prefix: string,
  at: string,
  category = 'call_drop',
  lat = 30.2741,
  lon = 120.1551,
): Record<string, unknown>[] {
  const base = Date.parse(at);
  return Array.from({ length: 6 }, (_, i) => ({
    complaint_id: `${prefix}-${i}`,
    received_at: new Date(base + i * 60_000).toISOString(),
    city: 'Hangzhou',
    category,
    technology: 'LTE',
    lat,
    lon,
  }));
}

/** H3 cell (resolution 8, the test database's) of a point. */
export function cellOf(lat: number, lon: number): string {
  return latLngToCell(lat, lon, 8);
}

export interface ApiFixture {
  server: RunningServer;
  db: Database;
  url: string;
  dir: string;
  stop: () => Promise<void>;
}

/** A real server on 127.0.0.1 (random port) over a fresh DuckDB file in a temp dir, seeded through `ingestFile`. */
export async function startApiFixture(config: ServerConfigInput = {}): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'cellpulse-api-'));
  const db = await Database.open(join(dir, 'api.duckdb'), { settings: { h3Resolution: 8, timeZone: 'Asia/Shanghai' } });
  await ingestFile(db, { kind: 'sites', source: { records: SITES, name: 'seed-sites' } });
  await ingestFile(db, { kind: 'subscribers', source: { records: SUBSCRIBERS, name: 'seed-subscribers' } });
  await ingestFile(db, { kind: 'complaints', source: { records: COMPLAINTS, name: 'seed-complaints' } });
  const server = await startTestServer(db, {
    apiKeys: [WRITE_KEY],
    dashboardDir: join(dir, 'no-dashboard'),
    ...config,
  });
  const stop = async (): Promise<void> => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { server, db, url: server.url, dir, stop };
}

/** A real server on 127.0.0.1 (random port) over `db`: quiet unless CELLPULSE_LOG_LEVEL says, no rate limit. */
export function startTestServer(db: Database, config: ServerConfigInput): Promise<RunningServer> {
  const logger = createLogger(process.env.CELLPULSE_LOG_LEVEL ?? 'silent');
  const quick = { rateLimitPerMinute: 0, sseHeartbeatMs: 200 };
  return startServer({ db, port: 0, handleSignals: false, logger, config: { ...quick, ...config } });
}

/** Each `path?query` answers 400 with a `{ code, message }` body (SPEC §8) whose message says something. */
export async function expectBadQueries(api: ApiFixture, path: string, queries: readonly string[]): Promise<void> {
  for (const query of queries) {
    const response = await fetch(`${api.url}${path}?${query}`);
    expect(response.status, query).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(typeof body.code).toBe('string');
    expect(body.message.length).toBeGreaterThan(0);
  }
}

/** POSTs JSON with the write key (unless `key` says otherwise). */
export function postJson(
  url: string,
  body: unknown,
  key: string | null = WRITE_KEY,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
