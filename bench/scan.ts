import { existsSync, rmSync } from 'node:fs';
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
import { spanDays } from './inputs/period.js';
import { copyDurably } from './harness/copy-durably.js';

const SAMPLE_DIR = join(ROOT_DIR, 'datasets/sample');

/**
 * A private copy of a database (the scan stores its analyses, and the loaded databases are shared),
 * or the sample province loaded fresh when `source` is "sample".
 */
async function scratchDatabase(source: string): Promise<Database> {
  const path = join(ensureDir(SCRATCH_DIR), `scan-${process.pid}.duckdb`);
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true });
  if (source !== 'sample') {
    copyDurably(source, path);
    if (existsSync(`${source}.wal`)) copyDurably(`${source}.wal`, `${path}.wal`);
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
  // As `cellpulse scan` runs them: normal priority (the server's schedule lowers its own).
  const workers = ScanWorkers.create(undefined, 'foreground');
  try {
    // CPU time of the process, worker threads included: on a shared machine it moves less than the wall clock.
    const timed = async (r: number): Promise<{ ms: number; cpuMs: number; signals: number }> => {
      const [started, cpu] = [performance.now(), process.cpuUsage()];
      const run = await scanSignals(db, { replicates: r, reuse: false, workers, seed: 7 });
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, signals: run.signals.length };
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
      cpuPerReplicateMs: (full.cpuMs - base.cpuMs) / ((replicates - 1) * 7),
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

const HEADERS = ['data', 'case', 'time', 'per replicate (wall / CPU)', 'fixed part', 'peak RSS', 'result rows'];

/** A month at the bench density (about a million complaints a month): the scan's 29-day study period full. */
const MONTH_SIZE = 1_000_000;
/** Days that 12 weeks of trends cover. */
const TWELVE_WEEKS_DAYS = 84;
/** The smallest bench set holding 12 weeks at that density (90 days), when the run has none. */
const QUARTER_SIZE = 3_000_000;

interface Measurements {
  rows: string[][];
  scan?: Summary;
  trends?: Summary;
}

/**
 * "scan": the space-time scan (999 replicates) on the sample province, the run's sizes and always a
 * month at a million complaints a month; coverage trends over 12 weeks on the same sets and always on
 * a set holding 12 full weeks at that density (the smallest of the run's sizes that does, else 3M).
 */
export async function runScanBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection(
    'scan',
    '6. Space-time scan (999 replicates, 7 categories) and emerging coverage hot spots',
    HEADERS,
  );
  const repeats = ctx.quick ? 1 : 3;
  const sample = await measure(ctx, 'sample province', 'sample', repeats, { scan: true, trends: true });
  section.rows.push(...sample.rows);
  section.targets.push(target('scan, sample province', '≤ 2 s', sample.scan!));
  const quarter = ctx.sizes.find((size) => spanDays(size) >= TWELVE_WEEKS_DAYS) ?? QUARTER_SIZE;
  const sizes = [...new Set([...ctx.sizes, MONTH_SIZE, quarter])].sort((a, b) => a - b);
  for (const size of sizes) {
    const loaded = await ctx.loaded(size);
    const label = `${sizeLabel(size)} (${spanDays(size)} days)`;
    const cases = { scan: size !== quarter || ctx.sizes.includes(size), trends: true };
    const measured = await measure(ctx, label, loaded.path, repeats, cases);
    section.rows.push(...measured.rows);
    if (size === MONTH_SIZE) section.targets.push(target('scan, 1M a month', '≤ 60 s', measured.scan!, 60_000));
    if (size === quarter)
      section.targets.push(target('coverage trends 12 weeks, 1M a month', '≤ 5 s', measured.trends!, 5000));
  }
  section.notes.push(
    'scan = `scanSignals(db, {replicates: 999})` over all seven categories at the newest complaint, stored ' +
      '(on a private copy of the database), replicates on one worker thread per core at normal priority, as ' +
      "`cellpulse scan` runs them (the server's scheduled scan runs them at the lowest). per replicate = " +
      '(time at 999 − time at 1) / (998 × 7), wall clock and CPU time of the process (worker threads ' +
      'included; on a shared machine the CPU figure moves less); fixed part = the same run with 1 replicate ' +
      '(reading columns, zones, observed clusters, storing).',
    'coverage trends = `coverageTrends(db, {weeks: 12})`. Sets grow by days at about a million complaints ' +
      "a month: 100k is three days, 1M a month (the scan's 28-day baseline and 24 h full, so its target is " +
      `checked there), ${sizeLabel(quarter)} ${spanDays(quarter)} days (12 full weeks, where the trends ` +
      "target is checked). The scan's cost depends on the density, not on the history before its 29 days.",
  );
  return section;
}

async function measure(
  ctx: BenchContext,
  label: string,
  source: string,
  repeats: number,
  cases: { scan: boolean; trends: boolean },
): Promise<Measurements> {
  const out: Measurements = { rows: [] };
  if (cases.scan) {
    const [scan] = await interleave(
      repeats,
      [{ label: `scan ${label}`, run: () => runCase('scan', { source, replicates: 999 }) }],
      ctx.log,
    );
    const m = scan!.measured ?? {};
    const perReplicate =
      m.perReplicateMs === undefined
        ? '—'
        : `${Number(m.perReplicateMs).toFixed(3)} / ${Number(m.cpuPerReplicateMs).toFixed(3)} ms`;
    out.scan = scan!;
    out.rows.push([
      label,
      'scan, 999 replicates',
      statusText(scan!),
      perReplicate,
      formatDuration(m.fixedMs as number | undefined),
      formatMb(scan!.rssMb),
      String(m.signals ?? '—'),
    ]);
  }
  if (cases.trends) {
    const [trends] = await interleave(
      repeats,
      [{ label: `coverage trends ${label}`, run: () => runCase('coverage-trends', { source }) }],
      ctx.log,
    );
    out.trends = trends!;
    const hexagons = String(trends!.measured?.hexagons ?? '—');
    const rss = formatMb(trends!.rssMb);
    out.rows.push([label, 'coverage trends, 12 weeks', statusText(trends!), '—', '—', rss, hexagons]);
  }
  return out;
}

function target(
  name: string,
  goal: string,
  summary: Summary,
  limitMs = 2000,
): { name: string; goal: string; measured: string; met: boolean | null } {
  return { name, goal, measured: statusText(summary), met: summary.ms === undefined ? null : summary.ms <= limitMs };
}
