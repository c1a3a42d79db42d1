import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { copyDurably } from './harness/copy-durably.js';
import { ensureDir, ROOT_DIR, SCRATCH_DIR } from './harness/paths.js';
import { countPrefix, dashboardPaths, readHistory } from './live.js';
import { LiveComplaints } from './live/live-complaints.js';
import { startServerProcess } from './live/server-process.js';
import { soak } from './live/soak.js';

/**
 * The live soak alone (bench/live.ts's case: 1 writer at 10 req/s of 1–50 complaints, 20 readers on
 * the dashboard's routes) on a copy of the 1M service database, optionally interleaved with a
 * baseline checkout's built server (`--vs DIR`), each run on a fresh copy:
 *   node --import tsx bench/soak.ts --seconds 60 --runs 2 [--vs /path/to/baseline/checkout] [--yield-ms MS]
 * `--yield-ms MS` adds a run of each checkout with reads yielding to writes up to MS (CELLPULSE_READS_YIELD_MS;
 * 0 to run a checkout whose default yields without it).
 * `--cpu-prof DIR` writes a V8 CPU profile of every spawned server into DIR (open it in Chrome's DevTools).
 * `--node-args='ARGS'` adds a run of this checkout with its server's node started with ARGS (space-separated,
 * e.g. `--max-semi-space-size=64`), beside its run without them.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    runs: { type: 'string', default: '1' },
    vs: { type: 'string' },
    'yield-ms': { type: 'string' },
    'cpu-prof': { type: 'string' },
    'node-args': { type: 'string' },
    db: { type: 'string', default: `${ROOT_DIR}bench/.data/service-1000000.duckdb` },
  },
});

async function runOnce(label: string, root: string, run: number, nodeArgs: readonly string[] = []): Promise<void> {
  const db = `${ensureDir(SCRATCH_DIR)}soak-${process.pid}-${label.replace(/[^\w-]/g, '_')}-${run}.duckdb`;
  copyDurably(values.db, db);
  try {
    const history = await readHistory(db);
    const profile = values['cpu-prof'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`];
    const server = await startServerProcess(db, 120_000, root, [...profile, ...nodeArgs]);
    const live = new LiveComplaints('soak', history.cities, history.endMs + 4e9);
    const options = { writesPerSecond: 10, batchMin: 1, batchMax: 50, readers: 20 };
    const paths = dashboardPaths(history.lastMonth);
    const cpuBefore = server.cpuSeconds();
    let cpu = 0;
    const result = await soak(server.url, live, {
      ...options,
      seconds: Number(values.seconds),
      readPaths: paths,
    }).finally(() => {
      cpu = server.cpuSeconds() - cpuBefore;
      return server.stop();
    });
    const present = await countPrefix(db, 'soak-');
    const ms = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(1));
    const { writes, reads } = result;
    console.log(
      `${label} run ${run}: POST p50 ${ms(writes.p50)} p99 ${ms(writes.p99)} n ${writes.n} errors ${writes.errors}; ` +
        `reads p50 ${ms(reads.p50)} p99 ${ms(reads.p99)} n ${reads.n} errors ${result.readErrors}; ` +
        `acknowledged ${result.acknowledged} present ${present}; server CPU ${cpu.toFixed(1)} s ` +
        `(${((cpu * 1e6) / (writes.n + reads.n)).toFixed(0)} µs a request); load ${(await loadAverage()).toFixed(2)}`,
    );
    const slowest = result.slowestWrites.slice(0, 12).map((w) => `${w.ms} ms at ${w.at} s (${w.complaints})`);
    console.log(`  slowest POSTs: ${slowest.join(', ')}`);
    for (const [path, l] of Object.entries(result.readsByPath)) {
      console.log(`  ${path.split('?')[0]!.padEnd(14)} p50 ${ms(l.p50)} p99 ${ms(l.p99)} n ${l.n}  ${path}`);
    }
  } finally {
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
  }
}

async function loadAverage(): Promise<number> {
  return (await import('node:os')).loadavg()[0]!;
}

/** A checkout's run with its default, then, with `--yield-ms`, the same with reads yielding that long. */
async function runPaired(label: string, root: string, run: number): Promise<void> {
  const yieldMs = values['yield-ms'];
  await runOnce(label, root, run);
  if (yieldMs === undefined) return;
  process.env.CELLPULSE_READS_YIELD_MS = yieldMs;
  await runOnce(`${label}-yield-${yieldMs}`, root, run);
  delete process.env.CELLPULSE_READS_YIELD_MS;
}

const nodeArgs = values['node-args']?.split(' ').filter((arg) => arg !== '') ?? [];
for (let run = 1; run <= Number(values.runs); run += 1) {
  await runPaired('this', ROOT_DIR, run);
  if (nodeArgs.length > 0) await runOnce(`this ${nodeArgs.join(' ')}`, ROOT_DIR, run, nodeArgs);
  if (values.vs !== undefined) await runPaired('base', values.vs.endsWith('/') ? values.vs : `${values.vs}/`, run);
}
