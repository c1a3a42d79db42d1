import type { Summary } from '../harness/interleave.js';
import type { BenchContext, Section } from '../harness/section.js';
import { formatCount, formatDuration, formatRatio, median, sizeLabel } from '../harness/stats.js';
import type { LiveRecord } from './live-record.js';
import type { PairedScaling } from './paired-scaling.js';
import type { Latency } from './post-latency.js';

/** The targets (issue 17), ms unless said otherwise. */
export const LIVE_TARGETS = {
  oneP50: 15,
  oneP99: 60,
  hundredP50: 50,
  scale: 1.3,
  readP99: 250,
  postP99: 100,
  restartMs: 2000,
  /** Dense batch ingest ÷ the peer (issue 17), and with triage ÷ without (issue 16). */
  denseRatio: 1.5,
  triageRatio: 1.1,
};

const ms = (value: number | undefined): string => formatDuration(value);
const failures = (l: Latency): string => (l.errors > 0 ? `${l.errors} failed` : '');

function latencyRow(
  size: number,
  name: string,
  l: Latency,
  baseline: string,
  b: Latency | undefined,
  note = '',
): string[] {
  return [
    sizeLabel(size),
    name,
    ms(l.p50),
    ms(l.p99),
    String(l.n),
    baseline,
    ms(b?.p50),
    ms(b?.p99),
    [note, failures(l)].filter(Boolean).join('; '),
  ];
}

/** The table rows of one size: POSTs, SSE delays, then the soak and the restart when measured there. */
export function liveRows(r: LiveRecord): string[][] {
  const rows = [
    latencyRow(r.size, 'POST /v1/complaints, 1 complaint', r.one, 'DuckDB appender, same row', r.appenderOne),
    latencyRow(
      r.size,
      'POST /v1/complaints, 100 complaints',
      r.hundred,
      'DuckDB appender, same rows',
      r.appenderHundred,
    ),
    latencyRow(r.size, 'GET /healthz round trip', r.healthz, '', undefined, 'the HTTP floor'),
    latencyRow(r.size, 'SSE incident.opened after a 1-complaint POST', r.sseOne.event, 'that POST', r.sseOne.post),
    latencyRow(
      r.size,
      'SSE incident.opened after a 100-complaint POST',
      r.sseHundred.event,
      'that POST',
      r.sseHundred.post,
    ),
  ];
  for (const [n, paired] of [
    [1, r.triageOne],
    [100, r.triageHundred],
  ] as const) {
    if (!paired) continue;
    const ratio = paired.on.p50 && paired.off.p50 ? paired.on.p50 / paired.off.p50 : undefined;
    const note = `in process; on ÷ off ${formatRatio(ratio)} (target ≤ ${LIVE_TARGETS.triageRatio}×)`;
    rows.push(latencyRow(r.size, `live write of ${n}, triage on`, paired.on, 'triage off', paired.off, note));
  }
  if (r.warmUp) rows.splice(2, 0, warmUpRow(r.size, r.warmUp));
  if (r.soak) rows.push(...soakRows(r.size, r.soak));
  if (r.restart) rows.push(...restartRows(r.size, r.restart));
  if (r.dense) rows.push(...denseRows(r.dense));
  return rows;
}

/** The start-up window's POSTs beside the steady state's (the 1-complaint row above is measured after it). */
function warmUpRow(size: number, w: NonNullable<LiveRecord['warmUp']>): string[] {
  const steps = Object.entries(w.steps)
    .map(([name, stepMs]) => `${name} ${stepMs === null ? '—' : ms(stepMs)}`)
    .join(', ');
  const note = `from /readyz 200 until its warm_up is done: ${ms(w.windowMs)} (${steps})`;
  return latencyRow(size, 'POST 1 complaint during the start-up warm-up', w.posts, '', undefined, note);
}

/** A batch ingest's median as a latency row (one figure per run, so no p99). */
function runsOf(summary: Summary): Latency {
  return { p50: summary.ms, n: summary.runsMs.length, errors: summary.status === 'ok' ? 0 : 1 };
}

const cpuText = (summary: Summary | undefined): string => {
  const cpu = summary?.measured?.cpuMs;
  return typeof cpu === 'number' ? `CPU ${ms(cpu)}` : '';
};

function denseRows(d: NonNullable<LiveRecord['dense']>): string[][] {
  const runs = (summary: Summary): string => summary.runsMs.map((v) => ms(v)).join(', ');
  const incidents = d.cellpulse.measured?.incidents;
  const rows = [
    latencyRow(
      d.size,
      'batch ingest of the dense CSV (cellpulse ingest path), fresh database',
      runsOf(d.cellpulse),
      'DuckDB CTAS + h3-js loop',
      runsOf(d.peer),
      [
        `ratio ${formatRatio(d.ratio)}`,
        typeof incidents === 'number' ? `${formatCount(incidents)} incidents` : '',
        cpuText(d.cellpulse),
        `peer ${cpuText(d.peer)}`,
        `runs ${runs(d.cellpulse)}`,
      ]
        .filter(Boolean)
        .join('; '),
    ),
  ];
  if (d.untriaged) {
    rows.push(
      latencyRow(
        d.size,
        'batch ingest of the dense CSV, triage on',
        runsOf(d.cellpulse),
        'the same, triage off',
        runsOf(d.untriaged),
        `on ÷ off ${formatRatio(triageRatio(d))} (median of the rounds' ratios; of the medians ` +
          `${formatRatio(mediansRatio(d))}); ${cpuText(d.untriaged)} off`,
      ),
    );
  }
  return rows;
}

/**
 * Triage on ÷ off: the median of the rounds' ratios (the two ran one after the other in each round, so a round's
 * ratio carries no drift of the machine between rounds), or of the medians when a round is missing.
 */
function triageRatio(d: NonNullable<LiveRecord['dense']>): number | undefined {
  const [on, off] = [d.cellpulse.runsMs, d.untriaged?.runsMs ?? []];
  if (on.length > 0 && on.length === off.length) return median(on.map((ms, i) => ms / off[i]!));
  return mediansRatio(d);
}

/** Triage on ÷ off as the ratio of the two medians (wall), beside the paired figure. */
function mediansRatio(d: NonNullable<LiveRecord['dense']>): number | undefined {
  const [on, off] = [d.cellpulse.ms, d.untriaged?.ms];
  return on !== undefined && off !== undefined ? on / off : undefined;
}

function soakRows(size: number, s: NonNullable<LiveRecord['soak']>): string[][] {
  const perSecond = (n: number): string => `${formatCount(n / s.seconds)}/s`;
  const note =
    `${s.seconds} s; ${s.writes.n} POSTs (${perSecond(s.writes.n)}, ${perSecond(s.acknowledged)} complaints), ` +
    `${s.reads.n} reads (${perSecond(s.reads.n)}); acknowledged ${s.acknowledged}, present after ${s.present}`;
  const rows = [
    latencyRow(size, 'soak: POST (1 writer, 10 req/s, 1–50 complaints)', s.writes, '', undefined, note),
    latencyRow(
      size,
      'soak: reads (20 readers, dashboard routes)',
      s.reads,
      '',
      undefined,
      `${s.readErrors} read errors`,
    ),
  ];
  for (const [path, l] of Object.entries(s.readsByPath))
    rows.push(latencyRow(size, `soak: GET ${path}`, l, '', undefined));
  return rows;
}

function restartRows(size: number, r: NonNullable<LiveRecord['restart']>): string[][] {
  const runs = (values: number[]): string => values.map((v) => ms(v)).join(', ');
  const empty = { p50: r.empty, n: r.emptyRuns.length, errors: 0 };
  const restarts = [
    ['restart after a clean stop: spawn to /readyz 200', r.clean, r.cleanRuns],
    ['restart after SIGKILL (20 POSTs just before)', r.killed, r.killedRuns],
  ] as const;
  return restarts.map(([name, p50, values]) => {
    const measured = { p50, n: values.length, errors: 0 };
    return latencyRow(size, name, measured, 'same start, empty database', empty, `runs ${runs(values)}`);
  });
}

function check(
  section: Section,
  name: string,
  goal: string,
  measured: number | undefined,
  limit: number,
  format = ms,
): void {
  section.targets.push({
    name,
    goal,
    measured: format(measured),
    met: measured === undefined ? null : measured <= limit,
  });
}

/** Every target of the issue that this run measured (10M vs 1M only when both ran, from the side-by-side rounds). */
export function addTargets(section: Section, records: readonly LiveRecord[], paired?: PairedScaling): void {
  const t = LIVE_TARGETS;
  for (const r of records) {
    const at = sizeLabel(r.size);
    check(section, `POST 1 complaint p50, ${at}`, `≤ ${t.oneP50} ms`, r.one.p50, t.oneP50);
    check(section, `POST 1 complaint p99, ${at}`, `≤ ${t.oneP99} ms`, r.one.p99, t.oneP99);
    check(section, `POST 100 complaints p50, ${at}`, `≤ ${t.hundredP50} ms`, r.hundred.p50, t.hundredP50);
    if (r.soak) soakTargets(section, r.size, r.soak);
    if (r.dense) {
      const d = r.dense;
      check(section, `dense batch ingest ÷ peer, ${at}`, `≤ ${t.denseRatio}×`, d.ratio, t.denseRatio, formatRatio);
      if (d.untriaged) {
        const goal = `≤ ${t.triageRatio}×`;
        check(section, `dense batch ingest, triage on ÷ off, ${at}`, goal, triageRatio(d), t.triageRatio, formatRatio);
      }
    }
    if (r.restart) {
      check(section, `restart after a clean stop, ${at}`, `≤ ${t.restartMs / 1000} s`, r.restart.clean, t.restartMs);
      check(section, `restart after SIGKILL, ${at}`, `≤ ${t.restartMs / 1000} s`, r.restart.killed, t.restartMs);
    }
  }
  if (paired) {
    for (const [name, key] of [
      ['POST 1 complaint', 'one'],
      ['POST 100 complaints', 'hundred'],
    ] as const) {
      const measured = scaleOf(paired[key]);
      check(section, `${name} p50, 10M ÷ 1M (side by side)`, `≤ ${t.scale}×`, measured, t.scale, formatRatio);
    }
  }
}

function scaleOf(pair: PairedScaling['one']): number | undefined {
  const [large, small] = [pair.large.p50, pair.small.p50];
  return large && small ? large / small : undefined;
}

/** The side-by-side POSTs: the large database's latency beside the small one's, measured in the same rounds. */
export function pairedRows(p: PairedScaling): string[][] {
  const [small, large] = [sizeLabel(p.small), sizeLabel(p.large)];
  return (
    [
      ['POST 1 complaint', p.one],
      ['POST 100 complaints', p.hundred],
    ] as const
  ).map(([name, pair]) =>
    latencyRow(
      p.large,
      `${name}, side by side with ${small} (alternating rounds)`,
      pair.large,
      `the ${small} server, same rounds`,
      pair.small,
      `${large} ÷ ${small} ${formatRatio(scaleOf(pair))}; ${p.rounds} rounds`,
    ),
  );
}

function soakTargets(section: Section, size: number, s: NonNullable<LiveRecord['soak']>): void {
  const at = `soak ${sizeLabel(size)}, ${s.seconds} s`;
  check(section, `${at}: read p99`, `≤ ${LIVE_TARGETS.readP99} ms`, s.reads.p99, LIVE_TARGETS.readP99);
  check(section, `${at}: POST p99`, `≤ ${LIVE_TARGETS.postP99} ms`, s.writes.p99, LIVE_TARGETS.postP99);
  const errors = s.writes.errors + s.readErrors;
  section.targets.push({ name: `${at}: errors`, goal: '0', measured: String(errors), met: errors === 0 });
  section.targets.push({
    name: `${at}: acknowledged complaints present`,
    goal: `${s.acknowledged} (all)`,
    measured: String(s.present),
    met: s.present === s.acknowledged,
  });
}

export function liveNotes(ctx: BenchContext): string[] {
  const posts = ctx.quick ? '60 × 1 and 20 × 100' : '300 × 1 and 100 × 100';
  const soakTime = ctx.quick ? '60 s (--quick)' : '5 minutes';
  return [
    "Each size runs on a copy of the bench's service database (below), served by `cellpulse serve` in its own " +
      'process (the package bin, as an operator starts it; rate limit off). Live complaints continue the ' +
      'history: ids never seen, received after the newest stored complaint, ' +
      'around the city centres (random category and ' +
      'technology).',
    `POST latency: sequential requests (${posts}), client-side round trip, once /readyz reports the ` +
      'warm-up done (the steady state the targets are about); the POSTs sent in a row from the first /readyz ' +
      '200 until then are reported on their own row, with the window and each step. Baselines: a bare DuckDB ' +
      'appender ' +
      'insert of the same rows into a table of their own (a separate file, in the bench process), and ' +
      'GET /healthz on the same server.',
    'SSE delay: five complaints of a new burst are POSTed first, then the timed POST whose last row is the ' +
      "sixth; the delay runs from that POST's start to the arrival of the `incident.opened` event naming it " +
      'on /v1/alerts/stream.',
    'Soak: one paced writer (10 requests/s, 1–50 complaints each) and 20 closed-loop readers cycling through ' +
      "the dashboard's calls (meta, rates ×3, KPIs, hexagons, incidents of the last month) for " +
      `${soakTime}; after it, the server is stopped and every complaint of an acknowledged POST is counted ` +
      'in the file.',
    'Databases: sites, subscribers, then the complaints month by month (1M-complaint chunks of the bench ' +
      'generator, each its own `ingestFile` transaction: incidents, routes, aggregates and alert log as a ' +
      'service keeps them), cached as bench/.data/service-<size>.duckdb and resumed chunk by chunk; the 10M ' +
      'one starts from a copy of the 1M one. Each size runs on a copy.',
    'Dense batch ingest (at the soak size: 1M, or the small size with --quick): the dense CSV (about six ' +
      'incidents per 1,000 complaints over a month) through `ingestFile` into a fresh database, interleaved ' +
      'with the peer (DuckDB CTAS + bare h3-js loop on the same file) and with the same path triage off; CPU ' +
      "is the process's user + system time (every thread). Triage on ÷ off is the median of the rounds' " +
      'ratios (each round runs both back to back). Its CPU ratio reads higher than the wall one: without ' +
      'triage the insert runs on one core (it reads temp tables made inside the transaction, which DuckDB scans ' +
      'on one thread); the routes are computed on the other.',
    'Side by side (when the run has 1M and 10M): both servers run at once, each on a fresh copy and past its ' +
      'warm-up; 10 rounds, each 30 × 1 then 10 × 100 POSTs on one server and then on the other, the order ' +
      'swapped every round. The 10M ÷ 1M targets are read here: measured minutes apart, the per-size rows ' +
      'above moved by up to a third between runs on the same files.',
    'Restart: spawn of `cellpulse serve` to the first /readyz 200 (polled every 5 ms), after SIGTERM (clean ' +
      'stop) and after SIGKILL right after 20 POSTs of 50 complaints; the baseline is the same start on an ' +
      "empty database (process, module loading and the app's set-up: what does not depend on history).",
  ];
}
