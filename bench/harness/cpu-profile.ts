import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { runCase } from './child-case.js';
import type { CaseArgs } from './case-types.js';
import { ensureDir, PROFILE_DIR, ROOT_DIR } from './paths.js';
import type { SqlTiming } from './sql-trace.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  selfMs: number;
  share: number;
}

/**
 * Self time of one thread: total, the share spent idle (waiting on DuckDB or other threads), hot functions and files.
 */
export interface ThreadProfile {
  thread: string;
  totalMs: number;
  idleShare: number;
  functions: HotSpot[];
  files: HotSpot[];
}

export interface ProfileSummary {
  caseName: string;
  args: CaseArgs;
  status: string;
  /** Wall time of the measured span in the profiled run. */
  ms?: number;
  threads: ThreadProfile[];
  /** DuckDB statements by wall time (the main thread is idle while they run). */
  sql: SqlTiming[];
  /** Where the .cpuprofile files were left, for Chrome DevTools / speedscope. */
  dir: string;
}

function where(url: string): string {
  if (!url) return '(native / V8)';
  const path = url.replace(/^file:\/\//, '');
  const local = path.startsWith(ROOT_DIR) ? path.slice(ROOT_DIR.length) : path;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(local);
  return pkg ? `node_modules/${pkg[1]}` : local;
}

function top(map: Map<string, number>, totalMs: number, count: number): HotSpot[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / totalMs }));
}

/** Self time per function and per file of one V8 CPU profile. */
export function summariseProfile(profile: CpuProfile, thread: string, count = 12): ThreadProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    totalMs += ms;
    if (frame.functionName === '(idle)') idleMs += ms;
    const file = where(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    files.set(frame.url ? file : frame.functionName, (files.get(frame.url ? file : frame.functionName) ?? 0) + ms);
  });
  return {
    thread,
    totalMs,
    idleShare: totalMs > 0 ? idleMs / totalMs : 0,
    functions: top(fns, totalMs, count),
    files: top(files, totalMs, 8),
  };
}

/** Runs a cellpulse case under `node --cpu-prof` (every thread) and summarises where its time went. */
export async function profileCase(caseName: string, args: CaseArgs): Promise<ProfileSummary> {
  const dir = mkdtempSync(`${ensureDir(PROFILE_DIR)}${caseName}-`);
  const outcome = await runCase(caseName, { ...args, traceSql: true }, { cpuProfDir: dir });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const threads = files.map((f) => {
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread.
    const tid = f.split('.').at(-3);
    const profile = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as CpuProfile;
    return summariseProfile(profile, tid === '0' ? 'main thread' : `worker thread ${tid}`);
  });
  if (threads.length === 0) rmSync(dir, { recursive: true, force: true });
  // Threads that only idled (tsx's loader thread) say nothing about the work.
  const busy = threads.filter((t) => t.totalMs > 0 && t.idleShare < 0.85);
  const sql = (outcome.measured?.sqlTrace ?? []) as SqlTiming[];
  return { caseName, args, status: outcome.status, ms: outcome.measured?.ms, threads: busy, sql, dir };
}
