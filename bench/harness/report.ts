import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ProfileSummary } from './cpu-profile.js';
import type { MachineInfo } from './machine.js';
import { markdownTable } from './markdown-table.js';
import { ensureDir, LOCAL_RESULTS_DIR, RESULTS_DIR, ROOT_DIR } from './paths.js';
import type { Section, TargetCheck } from './section.js';
import { formatDuration } from './stats.js';

export const RUN_MODES = ['full', 'quick', 'partial'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export interface RunReport {
  date: string;
  startedAt: string;
  finishedAt: string;
  /** quick (--quick), partial (--only: some benchmarks), or full (every benchmark). */
  mode: RunMode;
  command: string;
  sizes: number[];
  repeats: number;
  machine: MachineInfo;
  sections: Section[];
  profiles: ProfileSummary[];
}

const BENCHMARKS_MD = `${ROOT_DIR}BENCHMARKS.md`;

/**
 * Writes the run, never over an earlier one, and returns its path: a full run as the tracked
 * `bench/results/<date>[-n].json`, a quick or partial run as `bench/.data/results/<date>-<mode>[-n].json`
 * (ignored by git, so the committed folder holds one result per full run).
 */
export function writeResults(report: RunReport): string {
  const dir = report.mode === 'full' ? RESULTS_DIR : LOCAL_RESULTS_DIR;
  ensureDir(dir);
  const base = `${dir}${report.date}${report.mode === 'full' ? '' : `-${report.mode}`}`;
  let path = `${base}.json`;
  for (let n = 2; existsSync(path); n += 1) path = `${base}-${n}.json`;
  // Paths relative to the repository, so the tracked file does not depend on the checkout.
  const relative = (_key: string, value: unknown): unknown =>
    typeof value === 'string' ? value.replaceAll(ROOT_DIR, '') : value;
  writeFileSync(path, `${JSON.stringify(report, relative, 2)}\n`);
  return path;
}

export function targetsTable(targets: TargetCheck[]): string {
  const verdict = (met: boolean | null): string => (met === null ? 'not measured' : met ? 'met' : '**missed**');
  return markdownTable(
    [' target', ' goal', ' measured', ' verdict'],
    targets.map((t) => [t.name, t.goal, t.measured, verdict(t.met)]),
  );
}

export function sectionMarkdown(section: Section): string {
  const notes = section.notes.map((n) => `- ${n}`).join('\n');
  return [`### ${section.title}`, '', markdownTable(section.headers, section.rows), '', notes].join('\n');
}

export function profileMarkdown(p: ProfileSummary): string {
  const head =
    `#### \`${p.caseName}\` ${JSON.stringify(p.args).replaceAll(ROOT_DIR, '')} ` +
    `— ${p.status}, measured span ${formatDuration(p.ms)}`;
  const threads = p.threads.map((t) => {
    const fns = markdownTable(
      [' function (self time)', 'ms', 'share'],
      t.functions.map((f) => [f.name, f.selfMs.toFixed(0), `${(f.share * 100).toFixed(1)}%`]),
    );
    const files = t.files.map((f) => `${f.name} ${(f.share * 100).toFixed(1)}%`).join(', ');
    return (
      `${t.thread}: ${t.totalMs.toFixed(0)} ms sampled, ${(t.idleShare * 100).toFixed(0)}% idle ` +
      `(waiting on DuckDB's threads or the workers)\n\nby file: ${files}\n\n${fns}`
    );
  });
  const sql =
    p.sql.length === 0
      ? []
      : [
          'DuckDB statements by wall time (`DuckDBConnection.run`, traced in the profiled run):',
          '',
          markdownTable(
            [' statement', 'calls', 'ms', 'share of span'],
            p.sql
              .slice(0, 10)
              .map((q) => [
                `\`${q.sql.replaceAll('|', '\\|')}\``,
                String(q.calls),
                q.ms.toFixed(0),
                p.ms ? `${((q.ms / p.ms) * 100).toFixed(1)}%` : '—',
              ]),
          ),
          '',
        ];
  return [head, '', ...sql, ...threads.flatMap((t) => [t, ''])].join('\n');
}

function machineMarkdown(m: MachineInfo): string {
  return markdownTable(
    [' machine', ' value'],
    [
      ['CPU', `${m.cpuModel}, ${m.cores} cores${m.cpuMhz ? ` @ ${m.cpuMhz} MHz` : ''}`],
      ['memory', `${m.totalMemGiB.toFixed(1)} GiB (${m.freeMemGiB.toFixed(1)} GiB free at start)`],
      ['load average at start', m.loadAverage.map((l) => l.toFixed(2)).join(' ')],
      ['OS', m.os],
      ['Node', m.node],
      ['DuckDB', `${m.duckdb} (@duckdb/node-api ${m.duckdbNodeApi})`],
      ['h3-js', m.h3js],
    ],
  );
}

/** The run as Markdown: machine, each section's table and notes, targets, profiles. */
export function runMarkdown(report: RunReport, resultsPath: string): string {
  const targets = report.sections.flatMap((s) => s.targets);
  return [
    `## Latest ${report.mode} run: ${report.date}`,
    '',
    `\`${report.command}\` — sizes ${report.sizes.join(', ')}, ${report.repeats} interleaved ` +
      `repeats per side (at most 3 at 10M; medians), ${report.startedAt} → ${report.finishedAt}. ` +
      `Raw numbers: \`${resultsPath.replace(ROOT_DIR, '')}\`.`,
    '',
    machineMarkdown(report.machine),
    '',
    ...report.sections.flatMap((s) => [sectionMarkdown(s), '']),
    '### Targets',
    '',
    targetsTable(targets),
    '',
    ...(report.profiles.length > 0
      ? [
          '### Profiles of missed targets (`node --cpu-prof`, cellpulse side)',
          '',
          ...report.profiles.map(profileMarkdown),
        ]
      : []),
  ].join('\n');
}

const INTRO = `# cellpulse benchmarks

Speed, memory and scaling of cellpulse, each measured side by side with the obvious alternative
in the same run (issue 5). Every figure below is measured by \`bench/\`; nothing is typed in.

## How to reproduce

\`\`\`sh
npm install
npm run bench -- --quick     # about a minute once the inputs exist: 100k complaints, 2 repeats
npm run bench                # full: 100k, 1M and 10M complaints, 5 repeats (3 at 10M)
npm run bench -- --repeats 3  # the same with 3 repeats: 25 minutes once the inputs exist
npm run bench -- --sizes 1M --only ingest,clusters --repeats 3 --profile
\`\`\`

- Inputs are generated into \`bench/.data/\` (gitignored) and reused: complaints at one density — about
  a million a month, so 100k cover 3 days, 1M a month and 10M ten months (sizes grow by history, as
  an operator's do; until 2026-11-26 every size was packed into one month) — in the
  13 most populous Heilongjiang cities of the simplemaps file (population-weighted, Gaussian around
  each centre), 1% in injected bursts, 2% located only by cell, 0.05% with an out-of-range latitude,
  0.5% repeated ids; the cell-site layout is the real OpenCellID UK export (131,348 cells) moved as a
  whole onto the province. A database loaded by cellpulse per size serves sections 2-5.
- Every measured case runs in its own Node process (\`bench/harness/child-main.ts\`) so that its
  peak RSS (\`process.resourceUsage().maxRSS\`, all threads) is its own; time is \`performance.now()\`
  around the measured work only. cellpulse and its peer alternate (A, B, A, B, ...) and the tables
  show medians, because the 2-core machine is shared with other work.
- A full run writes \`bench/results/<date>[-n].json\` (kept in git, one per run, for regressions); a
  quick or partial run writes \`bench/.data/results/<date>-quick|partial[-n].json\` (this machine only).
  Each run replaces its mode's section below (full, quick, or partial = run with \`--only\`).
- \`--profile\` (default unless \`--quick\`) profiles the cellpulse side of every missed target with
  \`node --cpu-prof\` (all threads) at up to 1M complaints and times each DuckDB statement it runs;
  the .cpuprofile files stay in \`bench/.data/profiles/\` for Chrome DevTools or speedscope.
- \`--cap-seconds N\` caps the naive SQL (default 120 s), \`--http-size\` picks the database the HTTP
  benchmark serves (default: the largest size up to 1M), \`--max-rss-gb N\` kills a measured process
  whose memory passes N GiB (default 12: the machine is shared), \`--verbose\` shows the children's stderr.
`;

function markers(mode: RunMode): [string, string] {
  return [`<!-- bench:${mode}:start -->`, `<!-- bench:${mode}:end -->`];
}

function existingBlock(text: string, mode: RunMode): string {
  const [start, end] = markers(mode);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return `${start}\n## Latest ${mode} run\n\nNot run yet.\n${end}`;
  return text.slice(from, to + end.length);
}

/** Rewrites BENCHMARKS.md: the intro, this run in its mode's block, the other modes' latest runs kept. */
export function updateBenchmarksMd(report: RunReport, resultsPath: string): void {
  const text = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '';
  const [start, end] = markers(report.mode);
  const fresh = `${start}\n${runMarkdown(report, resultsPath)}\n${end}`;
  const blocks = RUN_MODES.map((mode) => (mode === report.mode ? fresh : existingBlock(text, mode)));
  writeFileSync(BENCHMARKS_MD, `${INTRO}\n${blocks.join('\n\n')}\n`);
}
