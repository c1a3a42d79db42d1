// Triage on vs off (issue 16): `node --import tsx bench/triage.ts [--size 100000] [--repeats 3] [--batches 40]`.
// Generates the sample province at --size complaints (datasets/), then times
//  1. the batch ingest of the complaint file into a fresh database with sites and events, triage off and on;
//  2. live batches of 100 complaints (what POST /v1/complaints runs) on that database, triage off and on,
// interleaved so machine noise hits both alike. Prints one JSON line with medians and ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../datasets/generator/generate-dataset.js';
import { ingestFile } from '../api/services/ingest-service.js';
import { Database } from '../store/database.js';
import { numberArgs } from './harness/number-args.js';

const { size, repeats, batches } = numberArgs({ size: 100000, repeats: 3, batches: 40 });
const dir = mkdtempSync(join(tmpdir(), 'cellpulse-bench-triage-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function loadedDb(tag: string): Promise<Database> {
  const path = join(dir, `${tag}.duckdb`);
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true });
  const db = await Database.open(path);
  for (const kind of ['sites', 'events'] as const)
    await ingestFile(db, { kind, source: { path: join(dir, 'data', `${kind}.csv`), format: 'csv' } });
  return db;
}

async function batchIngest(triage: boolean): Promise<number> {
  const db = await loadedDb(`batch-${triage}`);
  const started = performance.now();
  await ingestFile(db, {
    kind: 'complaints',
    source: { path: join(dir, 'data', 'complaints.csv'), format: 'csv' },
    triage,
  });
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

/** 100 complaints copied from stored ones, a day after the newest, with new ids. */
async function liveBatch(db: Database, n: number): Promise<Record<string, unknown>[]> {
  const rows = await db.all(
    `SELECT city, category, technology, lat, lon, cell_id, received_at + INTERVAL 1 DAY + to_seconds($n) AS t
    FROM complaints USING SAMPLE 100 ROWS (reservoir, ${n + 1})`,
    { n },
  );
  return rows.map((r, i) => ({
    complaint_id: `LIVE-${n}-${i}`,
    received_at: r.t,
    city: r.city,
    category: r.category,
    technology: r.technology,
    ...(r.lat === null ? {} : { lat: r.lat, lon: r.lon }),
    ...(r.cell_id === null ? {} : { cell_id: r.cell_id }),
  }));
}

async function main(): Promise<void> {
  await generateDataset({ out: join(dir, 'data'), complaints: size });
  const batch = { off: [] as number[], on: [] as number[] };
  for (let r = 0; r < repeats; r += 1) {
    for (const triage of r % 2 === 0 ? [false, true] : [true, false])
      batch[triage ? 'on' : 'off'].push(await batchIngest(triage));
  }
  const db = await loadedDb('live');
  await ingestFile(db, { kind: 'complaints', source: { path: join(dir, 'data', 'complaints.csv'), format: 'csv' } });
  const live = { off: [] as number[], on: [] as number[] };
  for (let n = 0; n < batches; n += 1) {
    const triage = n % 2 === 1;
    const records = await liveBatch(db, n);
    const started = performance.now();
    await ingestFile(db, { kind: 'complaints', source: { records, name: 'live' }, withOutcomes: true, triage });
    live[triage ? 'on' : 'off'].push(performance.now() - started);
  }
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  const [bOff, bOn, lOff, lOn] = [median(batch.off), median(batch.on), median(live.off), median(live.on)];
  console.log(
    JSON.stringify({
      size,
      batch_ms: { off: bOff, on: bOn, ratio: bOn / bOff },
      live_batch_100_ms: { off: lOff, on: lOn, ratio: lOn / lOff },
    }),
  );
}

await main();
