import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../api/services/load-dataset.js';
import { generateDataset } from '../../../datasets/generator/generate-dataset.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTmpDir, openTmpDb, removeDir, type TmpDb } from '../../helpers/tmp-db.js';
import { flaggedComplaints, readGroundTruth, sorted } from './ground-truth-check.js';

const dirs: string[] = [];
let t: TmpDb | undefined;
afterAll(async () => {
  await t?.cleanup();
  dirs.forEach(removeDir);
});

function tmp(prefix: string): string {
  const dir = makeTmpDir(prefix);
  dirs.push(dir);
  return dir;
}

describe('--format parquet', () => {
  it('writes typed Parquet twins that ingest to the same rows and ground truth (leaving no CSV behind)', async () => {
    const [csvDir, dir] = [tmp('cellpulse-csv-'), tmp('cellpulse-parquet-')];
    await generateDataset({ out: csvDir, complaints: 3000 });
    await generateDataset({ out: dir, complaints: 3000 });
    await generateDataset({ out: dir, complaints: 3000, format: 'parquet' });
    expect(readdirSync(dir).sort()).toEqual([
      'complaints.parquet',
      'events.parquet',
      'ground_truth.csv',
      'sites.parquet',
      'subscribers.parquet',
    ]);
    t = await openTmpDb();
    const loaded = await loadDataset(t.db, dir);
    for (const outcome of Object.values(loaded)) expect(outcome).toMatchObject({ rejected: 0 });
    const stored = await t.db.all<{
      id: string;
      t: bigint;
      lat: number | null;
      replied: bigint | null;
      satisfied: boolean | null;
    }>(
      'SELECT complaint_id AS id, epoch_ms(received_at) AS t, CASE located_by ' +
        "WHEN 'point' THEN lat END AS lat, epoch_ms(replied_at) AS replied, satisfied FROM complaints " +
        'ORDER BY complaint_id',
    );
    const fromCsv = readFileSync(join(csvDir, 'complaints.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const f = line.split(',');
        return [
          f[0],
          Date.parse(f[1]!),
          f[5] ? Number(f[5]) : null,
          f[8] ? Date.parse(f[8]) : null,
          f[11] ? f[11] === 'true' : null,
        ];
      });
    expect(
      stored.map((r) => [r.id, Number(r.t), r.lat, r.replied === null ? null : Number(r.replied), r.satisfied]),
    ).toEqual(fromCsv);
    expect(sorted(await flaggedComplaints(t.db))).toEqual(sorted(readGroundTruth(dir).inCluster));
  });
});

describe('cellpulse demo --no-serve', () => {
  it('generates the sample next to the database, loads it, prints the counts', { timeout: 120_000 }, async () => {
    const dir = tmp('cellpulse-demo-');
    const result = await runCli(['demo', '--db', join(dir, 'demo.duckdb'), '--no-serve'], 110_000);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'sample', 'complaints.csv'))).toBe(true);
    const counts = JSON.parse(result.lastLine) as Record<string, { accepted: number; rejected: number }>;
    expect(Object.keys(counts).sort()).toEqual(['complaints', 'events', 'sites', 'subscribers']);
    expect(counts.complaints?.accepted).toBeGreaterThan(3000);
    expect(Object.values(counts).every((c) => c.rejected === 0)).toBe(true);
  });

  it('with --data loads an existing directory instead of generating one', { timeout: 120_000 }, async () => {
    const dir = tmp('cellpulse-demo-data-');
    const data = tmp('cellpulse-demo-set-');
    await generateDataset({ out: data, complaints: 2000 });
    const result = await runCli(['demo', '--db', join(dir, 'demo.duckdb'), '--data', data, '--no-serve'], 110_000);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'sample'))).toBe(false);
    expect(JSON.parse(result.lastLine).complaints).toEqual({ accepted: 2000, updated: 0, rejected: 0 });
  });
});
