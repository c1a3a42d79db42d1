import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { coverageTrends } from '../analytics/coverage/coverage-trends.js';
import { scanSignals } from '../analytics/scan/run-scan.js';
import { ScanWorkers } from '../analytics/scan/scan-workers.js';
import { loadDataset } from '../api/services/load-dataset.js';
import { Database } from '../store/database.js';
import { runCase } from './harness/child-case.js';
import { numberArg, stringArg, type CaseArgs, type Measured } from './harness/case-types.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { ensureDir, ROOT_DIR, SCRATCH_DIR } from './harness/paths.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatDuration, formatMb, sizeLabel } from './harness/stats.js';

const SAMPLE_DIR = join(ROOT_DIR, 'datasets/sample');
const MILLION = 1_000_000;

/**
 * A private copy of a database (the scan stores its analyses, and the loaded databases are shared),
 * or the sample province loaded fresh when `source` is "sample".
 */
async function scratchDatabase(source: string): Promise<Database> {
  const path = join(ensureDir(SCRATCH_DIR), `scan-${process.pid}.duckdb`);
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true });
  if (source !== 'sample') {
    copyFileSync(source, path);
    if (existsSync(`${source}.wal`)) copyFileSync(`${source}.wal`, `${path}.wal`);
    return Database.open(path);
  }
  const db = await Database.open(path, { settings: { h3Resolution: 8, timeZone: 'Asia/Shanghai' } });
  await loadDataset(db, SAMPLE_DIR);
  return db;
}

/**
 * One analysis of every category at the newest complaint (what `cellpulse scan` runs), and a
 * 1-replicate run for the rest.
 */
async function runScan(args: CaseArgs): Promise<Measured> {
  const replicates = numberArg(args, 'replicates', 999);
  const db = await scratchDatabase(stringArg(args, 'source'));
  const workers = ScanWorkers.create();
  try {
    const timed = async (r: number): Promise<{ ms: number; signals: number }> => {
      const started = performance.now();
      const run = await scanSignals(db, { replicates: r, reuse: false, workers, seed: 7 });
      return { ms: performance.now() - started, signals: run.signals.length };
    };
    await timed(1); // warm-up: workers started, SQL prepared
    const base = await timed(1);
    const full = await timed(replicates);
    const complaints = Number((await db.all('SELECT count(*) AS n FROM complaints'))[0]?.n);
    // Seven categories, each with its own replicates.
    return {
      ms: full.ms,
      rows: complaints,
      signals: full.signals,
      perReplicateMs: (full.ms - base.ms) / ((replicates - 1) * 7),
      fixedMs: base.ms,
    };
  } finally {
    await workers.close();
    await db.close();
  }
}

/** Emerging hot spots over 12 weeks (Gi* per hexagon-week, Mann-Kendall, classes). */
async function runTrends(args: CaseArgs): Promise<Measured> {
  const db = await scratchDatabase(stringArg(args, 'source'));
  try {
    await coverageTrends(db, { weeks: 12 });
    const started = performance.now();
    const rows = await coverageTrends(db, { weeks: 12 });
    return { ms: performance.now() - started, hexagons: rows.length };
  } finally {
    await db.close();
  }
}

export const scanCases = { scan: runScan, 'coverage-trends': runTrends };

const HEADERS = ['data', 'case', 'time', 'per replicate', 'fixed part', 'peak RSS', 'result rows'];

/** "scan": the space-time scan (999 replicates) and coverage trends, on the sample province and the loaded sizes. */
export async function runScanBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection(
    'scan',
    '6. Space-time scan (999 replicates, 7 categories) and emerging coverage hot spots',
    HEADERS,
  );
  const repeats = ctx.quick ? 1 : 3;
  const sample = await measure(ctx, 'sample province', 'sample', repeats);
  section.rows.push(...sample.rows);
  section.targets.push(target('scan, sample province', '≤ 2 s', sample.scan));
  for (const size of ctx.sizes) {
    const loaded = await ctx.loaded(size);
    const measured = await measure(ctx, sizeLabel(size), loaded.path, repeats);
    section.rows.push(...measured.rows);
    if (size === MILLION) {
      section.targets.push(target('scan, 1M a month', '≤ 60 s', measured.scan, 60_000));
      section.targets.push(target('coverage trends 12 weeks, 1M a month', '≤ 5 s', measured.trends, 5000));
    }
  }
  if (!ctx.sizes.includes(MILLION))
    section.notes.push('The 1M-a-month targets are checked only when the run includes the 1M size (not in --quick).');
  section.notes.push(
    'scan = `scanSignals(db, {replicates: 999})` over all seven categories at the newest complaint, stored (on a private copy of the database), replicates on one worker thread per core. per replicate = (time at 999 − time at 1) / (998 × 7); fixed part = the same run with 1 replicate (reading columns, zones, observed clusters, storing).',
    'coverage trends = `coverageTrends(db, {weeks: 12})`. Sizes grow by days at about a million complaints a month, so 100k is three days of that density: the scan windows see the same counts as at 1M, with a shorter baseline.',
  );
  return section;
}

async function measure(
  ctx: BenchContext,
  label: string,
  source: string,
  repeats: number,
): Promise<{ rows: string[][]; scan: Summary; trends: Summary }> {
  const [scan] = await interleave(
    repeats,
    [{ label: `scan ${label}`, run: () => runCase('scan', { source, replicates: 999 }) }],
    ctx.log,
  );
  const [trends] = await interleave(
    repeats,
    [{ label: `coverage trends ${label}`, run: () => runCase('coverage-trends', { source }) }],
    ctx.log,
  );
  const m = scan!.measured ?? {};
  return {
    scan: scan!,
    trends: trends!,
    rows: [
      [
        label,
        'scan, 999 replicates',
        statusText(scan!),
        m.perReplicateMs === undefined ? '—' : `${Number(m.perReplicateMs).toFixed(3)} ms`,
        formatDuration(m.fixedMs as number | undefined),
        formatMb(scan!.rssMb),
        String(m.signals ?? '—'),
      ],
      [
        label,
        'coverage trends, 12 weeks',
        statusText(trends!),
        '—',
        '—',
        formatMb(trends!.rssMb),
        String(trends!.measured?.hexagons ?? '—'),
      ],
    ],
  };
}

function target(
  name: string,
  goal: string,
  summary: Summary,
  limitMs = 2000,
): { name: string; goal: string; measured: string; met: boolean | null } {
  return { name, goal, measured: statusText(summary), met: summary.ms === undefined ? null : summary.ms <= limitMs };
}
