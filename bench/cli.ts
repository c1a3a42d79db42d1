import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, ROOT_DIR, SCRATCH_DIR } from './harness/paths.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatDuration, median } from './harness/stats.js';

const BIN = join(ROOT_DIR, 'bin/cellpulse.js');
const SAMPLE = join(ROOT_DIR, 'datasets/sample');

interface StartupCase {
  name: string;
  args: (db: string) => string[];
  /** Issue 13's ceiling for the whole run, ms (none for the baseline). */
  goalMs?: number;
}

/** `node -e ''` is the floor every command stands on: the same run measures it. */
const CASES: StartupCase[] = [
  { name: "node -e ''", args: () => ['-e', ''] },
  { name: 'cellpulse --help', args: () => [BIN, '--help'], goalMs: 300 },
  { name: 'cellpulse rates --by city', args: (db) => [BIN, 'rates', '--by', 'city', '--db', db], goalMs: 600 },
  {
    name: 'cellpulse lookup --lat --lon',
    args: (db) => [BIN, 'lookup', '--lat', '45.75', '--lon', '126.65', '--db', db],
    goalMs: 600,
  },
  { name: 'cellpulse clusters', args: (db) => [BIN, 'clusters', '--db', db] },
];

export interface CliRecord {
  name: string;
  medianMs: number | undefined;
  maxMs: number | undefined;
  runs: number;
}

/** The sample data set (datasets/sample, 5,886 complaints) loaded into a scratch database, once per run. */
function sampleDatabase(log: (line: string) => void): string {
  const db = join(ensureDir(SCRATCH_DIR), 'cli-sample.duckdb');
  if (existsSync(db)) return db;
  log('cli: loading datasets/sample into a scratch database');
  execFileSync(process.execPath, [BIN, 'demo', '--no-serve', '--data', SAMPLE, '--db', db], { stdio: 'ignore' });
  return db;
}

/** Wall time of one whole process, spawn to exit, ms. */
function timeRun(args: string[]): number {
  const started = performance.now();
  const env = { ...process.env, TZ: 'UTC' };
  const result = spawnSync(process.execPath, args, { cwd: ROOT_DIR, stdio: 'ignore', env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return performance.now() - started;
}

/**
 * Start-up of the compiled CLI (issue 13): each command as a user runs it, a whole process per
 * run, the cases interleaved round-robin so a busy moment of the machine hits them all alike.
 */
export async function runCliBench(ctx: BenchContext): Promise<Section> {
  ctx.log('cli: compiling (npm run build, incremental)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT_DIR, stdio: 'ignore' });
  const db = sampleDatabase(ctx.log);
  const runs = ctx.quick ? 5 : 15;
  const times = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  for (const c of CASES) timeRun(c.args(db)); // warm the file cache once
  for (let i = 0; i < runs; i += 1) for (const c of CASES) times.get(c.name)!.push(timeRun(c.args(db)));
  const records: CliRecord[] = CASES.map((c) => {
    const ms = times.get(c.name)!;
    return { name: c.name, medianMs: median(ms), maxMs: Math.max(...ms), runs: ms.length };
  });
  return cliSection(records);
}

function cliSection(records: CliRecord[]): Section {
  const headers = ['command', 'median', 'slowest', 'runs', 'target'];
  const section = emptySection('cli', 'CLI start-up (compiled, sample database)', headers);
  const floor = records[0]?.medianMs;
  for (const [i, r] of records.entries()) {
    const goal = CASES[i]!.goalMs;
    const target = goal ? `≤ ${goal} ms` : '';
    section.rows.push([r.name, formatDuration(r.medianMs), formatDuration(r.maxMs), String(r.runs), target]);
    if (goal === undefined) continue;
    section.targets.push({
      name: `cli: ${r.name}`,
      goal: `≤ ${goal} ms (issue 13)`,
      measured: `${formatDuration(r.medianMs)} (node -e '' ${formatDuration(floor)})`,
      met: r.medianMs === undefined ? null : r.medianMs <= goal,
    });
  }
  section.notes.push(
    'Each run is a whole process (spawn to exit) of `node bin/cellpulse.js …` on datasets/sample ' +
      "(5,886 complaints); `node -e ''` is measured in the same interleaved rounds as the floor. The bin " +
      'runs dist/ (compiled at install); a command loads only its own code.',
  );
  section.records = records;
  return section;
}
