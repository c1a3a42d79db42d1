// `npm run bench [-- --quick] [--sizes 100k,1M] [--only ingest,clusters] [--repeats N] [--cap-seconds 120]
//   [--profile | --no-profile] [--http-size 1M] [--max-rss-gb 12] [--verbose]`:
// runs the benchmarks of issue 5, prints the tables, writes bench/results/<date>.json and
// updates BENCHMARKS.md.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCliBench } from './cli.js';
import { runClusterBench, type ClusterRecord } from './clusters.js';
import { ensureComplaintFiles, type ComplaintFiles } from './inputs/complaint-files.js';
import { ensureLoadedDatabase, type LoadedDatabase } from './inputs/loaded-database.js';
import { ensureSiteLayout } from './inputs/site-layout.js';
import { setMaxRssMb, setVerbose } from './harness/child-case.js';
import { profileCase, type ProfileSummary } from './harness/cpu-profile.js';
import { machineInfo } from './harness/machine.js';
import { SCRATCH_DIR } from './harness/paths.js';
import {
  profileMarkdown,
  sectionMarkdown,
  targetsTable,
  updateBenchmarksMd,
  writeResults,
  type RunReport,
} from './harness/report.js';
import type { BenchContext, Section, TargetCheck } from './harness/section.js';
import { runAlertsBench } from './alerts.js';
import { runHttpBench } from './http.js';
import { runIngestBench, type IngestRecord } from './ingest.js';
import { runLiveBench } from './live.js';
import { runFilesBench } from './operator-files.js';
import { runQueryBench } from './queries.js';
import { scalingSection } from './scaling.js';
import { runScanBench } from './scan.js';

const BENCHES = ['ingest', 'clusters', 'queries', 'http', 'alerts', 'live', 'files', 'cli', 'scan'] as const;
type BenchName = (typeof BENCHES)[number];
/** Profiles run at most at this size: enough to show what dominates, without a 10M profile. */
const PROFILE_MAX_SIZE = 1_000_000;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text} (e.g. 100k, 1M, 250000)`);
  const unit = match[2]?.toLowerCase() === 'k' ? 1e3 : match[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(match[1]) * unit);
}

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      only: { type: 'string' },
      repeats: { type: 'string' },
      'cap-seconds': { type: 'string', default: '120' },
      profile: { type: 'boolean' },
      'no-profile': { type: 'boolean', default: false },
      'http-size': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'max-rss-gb': { type: 'string', default: '12' },
    },
  });
  const quick = values.quick ?? false;
  const sizes = values.sizes
    ? values.sizes.split(',').map(parseSize)
    : quick
      ? [100_000]
      : [100_000, 1_000_000, 10_000_000];
  const only = (values.only ? values.only.split(',') : [...BENCHES]) as BenchName[];
  for (const name of only)
    if (!BENCHES.includes(name)) throw new Error(`unknown benchmark ${name}; one of ${BENCHES.join(', ')}`);
  return {
    quick,
    sizes: sizes.sort((a, b) => a - b),
    only,
    repeats: values.repeats ? Number(values.repeats) : quick ? 2 : 5,
    fixedRepeats: values.repeats !== undefined,
    capMs: Number(values['cap-seconds']) * 1000,
    profile: values['no-profile'] ? false : (values.profile ?? !quick),
    httpSize: values['http-size']
      ? parseSize(values['http-size'])
      : Math.max(sizes[0]!, ...sizes.filter((s) => s <= 1_000_000)),
    verbose: values.verbose ?? false,
    maxRssMb: Number(values['max-rss-gb']) * 1024,
  };
}

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function context(opts: ReturnType<typeof options>): BenchContext {
  const files = new Map<number, Promise<ComplaintFiles>>();
  const loaded = new Map<number, Promise<LoadedDatabase>>();
  const filesOf = (size: number): Promise<ComplaintFiles> => {
    if (!files.has(size)) files.set(size, ensureComplaintFiles(size, log));
    return files.get(size)!;
  };
  return {
    quick: opts.quick,
    sizes: opts.sizes,
    repeatsFor: (size) => (opts.fixedRepeats || size < 10_000_000 ? opts.repeats : Math.min(opts.repeats, 3)),
    capMs: opts.capMs,
    log,
    files: filesOf,
    loaded: async (size) => {
      if (!loaded.has(size))
        loaded.set(
          size,
          filesOf(size).then((f) => ensureLoadedDatabase(f, log)),
        );
      return loaded.get(size)!;
    },
  };
}

/** One profile per missed cellpulse case (and format), at the largest missed size up to 1M. */
async function profileMissed(targets: TargetCheck[]): Promise<ProfileSummary[]> {
  const chosen = new Map<string, NonNullable<TargetCheck['profile']>>();
  for (const t of targets) {
    if (t.met !== false || !t.profile) continue;
    const key = `${t.profile.caseName} ${String(t.profile.args.format ?? '')}`;
    const current = chosen.get(key);
    const better =
      !current ||
      (t.profile.size <= PROFILE_MAX_SIZE && (current.size > PROFILE_MAX_SIZE || t.profile.size > current.size));
    if (better) chosen.set(key, t.profile);
  }
  const profiles: ProfileSummary[] = [];
  for (const p of chosen.values()) {
    log(`profiling ${p.caseName} ${JSON.stringify(p.args)}`);
    profiles.push(await profileCase(p.caseName, p.args));
  }
  return profiles;
}

async function main(): Promise<void> {
  const opts = options();
  setVerbose(opts.verbose);
  setMaxRssMb(opts.maxRssMb);
  const startedAt = new Date();
  const machine = await machineInfo();
  const mode = opts.quick ? 'quick' : opts.only.length < BENCHES.length ? 'partial' : 'full';
  log(`${mode} run: sizes ${opts.sizes.join(', ')}, ${opts.repeats} repeats, benchmarks ${opts.only.join(', ')}`);
  // Scratch databases of earlier runs that were killed (timeout, memory cap) are never reused.
  rmSync(SCRATCH_DIR, { recursive: true, force: true });
  await ensureSiteLayout(log);
  const ctx = context(opts);
  const sections: Section[] = [];
  const run = async (name: BenchName, bench: () => Promise<Section>): Promise<void> => {
    if (!opts.only.includes(name)) return;
    const section = await bench();
    sections.push(section);
    process.stdout.write(`\n${sectionMarkdown(section)}\n`);
  };
  await run('ingest', () => runIngestBench(ctx));
  await run('clusters', () => runClusterBench(ctx));
  await run('queries', () => runQueryBench(ctx));
  await run('http', () => runHttpBench(ctx, opts.httpSize));
  await run('alerts', () => runAlertsBench(ctx));
  await run('live', () => runLiveBench(ctx));
  await run('files', () => runFilesBench(ctx));
  await run('cli', () => runCliBench(ctx));
  await run('scan', () => runScanBench(ctx));
  const ingest = (sections.find((s) => s.id === 'ingest')?.records ?? []) as IngestRecord[];
  const clusters = (sections.find((s) => s.id === 'clusters')?.records ?? []) as ClusterRecord[];
  if (ingest.length + clusters.length > 0) {
    const scaling = scalingSection(opts.sizes, ingest, clusters);
    sections.push(scaling);
    process.stdout.write(`\n${sectionMarkdown(scaling)}\n`);
  }
  const targets = sections.flatMap((s) => s.targets);
  process.stdout.write(`\n### Targets\n\n${targetsTable(targets)}\n`);
  const profiles = opts.profile ? await profileMissed(targets) : [];
  for (const p of profiles) process.stdout.write(`\n${profileMarkdown(p)}\n`);
  const report: RunReport = {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    sizes: opts.sizes,
    repeats: opts.repeats,
    machine,
    sections,
    profiles,
  };
  const path = writeResults(report);
  updateBenchmarksMd(report, path);
  log(`results written to ${path}; BENCHMARKS.md updated`);
  if (opts.only.length < BENCHES.length) log(`skipped: ${BENCHES.filter((b) => !opts.only.includes(b)).join(', ')}`);
}

await main();
