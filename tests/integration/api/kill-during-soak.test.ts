import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, WRITE_KEY, type ServerProcess } from '../../../bench/live/server-process.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { Database } from '../../../store/database.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';
import { SITES } from './api-fixture.js';

/**
 * The kill comes once this many batches are acknowledged (while the next one is in flight) and
 * at least SOAK_MS have passed: a few seconds keeps CI quick, the count keeps a slow machine honest.
 */
const ACKED_BEFORE_KILL = 6;
const SOAK_MS = 2000;
const READERS = 3;
const READ_PATHS = ['/v1/rates?by=city,technology,month', '/v1/incidents', '/v1/hexagons', '/v1/kpis', '/v1/meta'];

let dir: string;
let file: string;
beforeAll(async () => {
  dir = makeTmpDir('cellpulse-soak-kill-');
  file = join(dir, 'soak.duckdb');
  const db = await Database.open(file, { settings: { h3Resolution: 8, timeZone: 'Asia/Shanghai' } });
  await ingestFile(db, { kind: 'sites', source: { records: SITES, name: 'seed-sites' } });
  await db.close();
});
afterAll(() => removeDir(dir));

/** Batch `n`: 1–12 complaints, ids `B<n>-<i>`; every third batch is a burst at one point (incidents). */
function batch(n: number): Record<string, unknown>[] {
  const size = 1 + ((n * 7) % 12);
  const base = Date.parse('2024-06-01T00:00:00Z') + n * 5 * 60_000;
  return Array.from({ length: size }, (_, i) => ({
    complaint_id: `B${n}-${i}`,
    received_at: new Date(base + i * 1000).toISOString(),
    city: 'Hangzhou',
    category: n % 3 === 0 ? 'call_drop' : 'slow_data',
    technology: 'LTE',
    lat: 30.2741 + (n % 3 === 0 ? 0 : (n % 50) * 0.01),
    lon: 120.1551,
  }));
}

/** POSTs batches one after another until `stop`; returns the numbers of the acknowledged (200) ones. */
async function writer(server: ServerProcess, stop: () => boolean, sent: number[], acked: number[]): Promise<number[]> {
  for (let n = 0; !stop(); n += 1) {
    sent.push(n);
    try {
      const response = await fetch(`${server.url}/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': WRITE_KEY },
        body: JSON.stringify(batch(n)),
      });
      const body = (await response.json()) as { accepted?: number };
      if (response.status === 200 && body.accepted === batch(n).length) acked.push(n);
    } catch {
      return acked; // the server is gone
    }
  }
  return acked;
}

async function reader(server: ServerProcess, stop: () => boolean, offset: number): Promise<number> {
  let errors = 0;
  for (let i = offset; !stop(); i += 1) {
    try {
      const response = await fetch(server.url + READ_PATHS[i % READ_PATHS.length]);
      await response.arrayBuffer();
      if (response.status >= 500) errors += 1;
    } catch {
      return errors;
    }
  }
  return errors;
}

describe('SIGKILL during a soak (a writer and readers)', () => {
  it('loses no acknowledged complaint, leaves no half-written batch, and the server comes back', async () => {
    const first = await startServerProcess(file);
    let killed = false;
    const sent: number[] = [];
    const acknowledged: number[] = [];
    const writing = writer(first, () => killed, sent, acknowledged);
    const reading = Array.from({ length: READERS }, (_, r) => reader(first, () => killed, r));
    const started = Date.now();
    const elapsed = (): number => Date.now() - started;
    while ((acknowledged.length < ACKED_BEFORE_KILL || elapsed() < SOAK_MS) && elapsed() < 40_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await first.kill();
    killed = true;
    const acked = await writing;
    expect(await Promise.all(reading)).toEqual(Array(READERS).fill(0)); // no 5xx before the kill
    expect(acked.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);

    const second = await startServerProcess(file);
    const after = await fetch(`${second.url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': WRITE_KEY },
      body: JSON.stringify(batch(100_000)),
    });
    expect(after.status).toBe(200);
    expect(await second.stop()).toBe(0);

    const db = await Database.open(file);
    try {
      const rows = await db.all<{ n: bigint; present: bigint }>(
        `SELECT CAST(split_part(complaint_id, '-', 1)[2:] AS INTEGER) AS n, count(*) AS present
         FROM complaints GROUP BY 1`,
      );
      const present = new Map(rows.map((r) => [Number(r.n), Number(r.present)]));
      for (const n of acked) expect(present.get(n), `acknowledged batch ${n}`).toBe(batch(n).length);
      for (const n of sent)
        expect([undefined, batch(n).length], `batch ${n} is all or nothing`).toContain(present.get(n));
      expect(present.get(100_000)).toBe(batch(100_000).length);
      const runs = await db.all<{ bad: bigint }>(
        `SELECT count(*) AS bad FROM ingest_runs r WHERE kind = 'complaints'
         AND accepted <> (SELECT count(*) FROM complaints c WHERE c.run_id = r.run_id)`,
      );
      expect(Number(runs[0]?.bad)).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
