import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerRecord, serverRecordPath } from '../../../api/cli/server-record.js';
import { REPO_ROOT, runCli, spawnCli } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';

const SAMPLE = join(REPO_ROOT, 'datasets/sample');
const KEY = 'write-key-for-the-cli-test';
/** Read commands whose output must not change when a server holds the database. */
const READS: Record<string, string[]> = {
  rates: ['rates', '--by', 'city,technology,month'],
  ratesCsv: ['rates', '--by', 'city', '--format', 'csv'],
  clusters: ['clusters'],
  clustersGeo: ['clusters', '--from', '2026-10-05T00:00:00Z', '--format', 'geojson'],
  lookup: ['lookup', '--lat', '45.75', '--lon', '126.65', '--at', '2026-10-20T10:00:00+08:00'],
  lookupCell: ['lookup', '--cell-id', 'DQG0008-L3', '--format', 'csv'],
  kpis: ['kpis', '--totals'],
  coverage: ['coverage', '--limit', '20'],
  sites: ['sites'],
  targets: ['targets'],
  ratesByRoute: ['rates', '--by', 'city,route', '--format', 'csv'],
  triage: ['triage', '--month', '2026-10'],
  triageCsv: ['triage', '--city', 'Harbin', '--format', 'csv'],
  appraisal: ['appraisal', '--month', '2026-10'],
  appraisalCsv: ['appraisal', '--format', 'csv'],
  construction: ['coverage', '--for', 'construction', '--month', '2026-10', '--headers', 'zh'],
};

let dir: string;
let file: string;
const alone: Record<string, string> = {};

async function readAll(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, args] of Object.entries(READS)) {
    const result = await runCli([...args, '--db', file]);
    expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    out[name] = result.stdout;
  }
  return out;
}

async function startServe(): Promise<{ child: ChildProcess; record: ServerRecord }> {
  const child = spawnCli(['serve', '--db', file, '--port', '0'], {
    CELLPULSE_API_KEYS: KEY,
    CELLPULSE_LOG_LEVEL: 'warn',
  });
  for (let i = 0; i < 600; i++) {
    const record = readRecord();
    if (record !== undefined && record.pid === child.pid) return { child, record };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server wrote no record within 30 s');
}

function readRecord(): ServerRecord | undefined {
  const path = serverRecordPath(file);
  return existsSync(path) ? ServerRecord.parse(JSON.parse(readFileSync(path, 'utf8'))) : undefined;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

/** Three complaints the sample does not hold (new ids), as a CSV file. */
function newComplaintsFile(): string {
  const [header, ...lines] = readFileSync(join(SAMPLE, 'complaints.csv'), 'utf8').split('\n');
  const path = join(dir, 'new.csv');
  const rows = [header, ...lines.slice(0, 3).map((line) => line.replace(/^CP/, 'NEW'))];
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

function total(stdout: string): number {
  return (JSON.parse(stdout) as { complaints: number }[])[0]!.complaints;
}

beforeAll(async () => {
  dir = makeTmpDir('cellpulse-beside-');
  file = join(dir, 'shared.duckdb');
  const loaded = await runCli(['demo', '--no-serve', '--db', file, '--data', SAMPLE], 120_000);
  expect(loaded.code, loaded.stderr).toBe(0);
  Object.assign(alone, await readAll());
}, 180_000);
afterAll(() => removeDir(dir));

describe('the CLI beside a running `cellpulse serve` on the same --db', () => {
  it('reads via the server, ingests through it with a key, refuses without one, forgets a dead server', async () => {
    const { child, record } = await startServe();
    try {
      expect(record.pid).toBe(child.pid);
      // Every read command prints exactly what it printed without the server.
      expect(await readAll()).toEqual(alone);

      const upload = newComplaintsFile();
      const refused = await runCli(['ingest', 'complaints', upload, '--db', file]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`http://127.0.0.1:${record.port}`);
      expect(refused.stderr).toContain('CELLPULSE_API_KEY');
      expect(refused.stderr).not.toMatch(/IO Error|lock on file/);
      const badKey = await runCli(['ingest', 'complaints', upload, '--db', file], 30_000, {
        CELLPULSE_API_KEY: 'wrong',
      });
      expect(badKey.code).toBe(3);
      const before = total((await runCli(['rates', '--by', '', '--db', file])).stdout);

      const sent = await runCli(['ingest', 'complaints', upload, '--db', file], 30_000, { CELLPULSE_API_KEY: KEY });
      expect(sent.code, sent.stderr).toBe(0);
      expect(JSON.parse(sent.lastLine)).toEqual({ accepted: 3, updated: 0, rejected: 0 });
      expect(total((await runCli(['rates', '--by', '', '--db', file])).stdout)).toBe(before + 3);

      // Re-triage is a write: through the server with a key, refused without one.
      const period = ['--from', '2026-10-01', '--to', '2026-11-01'];
      const noKey = await runCli(['triage', '--recompute', ...period, '--db', file]);
      expect(noKey.code).toBe(3);
      expect(noKey.stderr).toContain(`http://127.0.0.1:${record.port}`);
      expect(noKey.stderr).toContain('CELLPULSE_API_KEY');
      expect(noKey.stderr).not.toMatch(/IO Error|lock on file/);
      const recompute = ['triage', '--recompute', ...period, '--db', file];
      const first = await runCli(recompute, 30_000, { CELLPULSE_API_KEY: KEY });
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.lastLine)).toEqual({ from: '2026-10-01', to: '2026-11-01', changed: expect.any(Number) });
      const again = await runCli(recompute, 30_000, { CELLPULSE_API_KEY: KEY });
      expect(JSON.parse(again.lastLine)).toMatchObject({ changed: 0 });
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    // Killed hard: its record stays behind, names a dead process and must be ignored, then removed.
    expect(existsSync(serverRecordPath(file))).toBe(true);
    const after = await runCli(['clusters', '--db', file]);
    expect(after.code, after.stderr).toBe(0);
    expect(existsSync(serverRecordPath(file))).toBe(false);
  }, 180_000);

  it('removes its record on a clean stop', async () => {
    const { child } = await startServe();
    child.kill('SIGTERM');
    await exited(child);
    expect(existsSync(serverRecordPath(file))).toBe(false);
  }, 60_000);

  it('names the process holding the file instead of showing a raw DuckDB lock error', async () => {
    const holdScript = `const { DuckDBInstance } = await import('@duckdb/node-api');
      await DuckDBInstance.create(process.argv[1]); console.log('holding'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', holdScript, file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      const result = await runCli(['rates', '--db', file]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`process ${holder.pid}`);
      expect(result.stderr).not.toMatch(/IO Error|Could not set lock/);
    } finally {
      holder.kill('SIGKILL');
      await exited(holder);
    }
  }, 60_000);
});
