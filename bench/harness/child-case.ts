import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROOT_DIR } from './paths.js';
import type { CaseArgs, Measured } from './case-types.js';

const CHILD_MAIN = fileURLToPath(new URL('./child-main.ts', import.meta.url));
export const RESULT_MARK = '@@bench-result ';
export const LISTEN_MARK = '@@bench-listening ';

/** How one run of a case in its own process ended. Peak RSS is that process's `maxRSS`. */
export interface CaseOutcome {
  status: 'ok' | 'timeout' | 'error';
  measured?: Measured;
  rssMb?: number;
  message?: string;
}

export interface RunOptions {
  /** Kill the child and report "timeout" after this long (default 30 min). */
  timeoutMs?: number;
  /** Kill the child when its resident memory passes this (default: setMaxRssMb, 12 GiB). */
  maxRssMb?: number;
  /** Write V8 CPU profiles (every thread) into this directory. */
  cpuProfDir?: string;
  /** Extra node flags, e.g. --max-old-space-size. */
  nodeFlags?: string[];
}

let verbose = false;
/** Forward the children's stderr (--verbose). */
export function setVerbose(on: boolean): void {
  verbose = on;
}

// The machine is shared: a case that runs away with memory is stopped before it hurts anyone.
let defaultMaxRssMb = 12 * 1024;
export function setMaxRssMb(mb: number): void {
  defaultMaxRssMb = mb;
}

/** Current resident memory of a process, MB (Linux /proc), or 0 when unknown. */
function residentMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Polls the child's RSS; calls `onOver` once when it passes `maxMb`. Returns a stop function. */
function watchMemory(pid: number | undefined, maxMb: number, onOver: () => void): () => void {
  if (pid === undefined) return () => undefined;
  const timer = setInterval(() => {
    if (residentMb(pid) > maxMb) {
      clearInterval(timer);
      onOver();
    }
  }, 500);
  return () => clearInterval(timer);
}

function nodeArgs(mode: 'case' | 'serve', name: string, args: CaseArgs, options: RunOptions): string[] {
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  return ['--import', 'tsx', ...profile, ...(options.nodeFlags ?? []), CHILD_MAIN, mode, name, JSON.stringify(args)];
}

/**
 * Runs the case `name` once in a fresh Node process (so its peak RSS is its own), waits for it
 * and returns what it measured; a child that outlives `timeoutMs` is killed and reported as such.
 */
export function runCase(name: string, args: CaseArgs, options: RunOptions = {}): Promise<CaseOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs('case', name, args, options), {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let overMemory = false;
    const maxRssMb = options.maxRssMb ?? defaultMaxRssMb;
    const stopWatch = watchMemory(child.pid, maxRssMb, () => {
      overMemory = true;
      child.kill('SIGKILL');
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      if (verbose) process.stderr.write(chunk);
    });
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      options.timeoutMs ?? 30 * 60_000,
    );
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      stopWatch();
      if (timedOut)
        return resolve({ status: 'timeout', message: `killed after ${Math.round((options.timeoutMs ?? 0) / 1000)} s` });
      if (overMemory)
        return resolve({
          status: 'error',
          message: `killed: RSS passed ${(maxRssMb / 1024).toFixed(0)} GiB (--max-rss-gb; the machine is shared)`,
        });
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) {
        const parsed = JSON.parse(line.slice(RESULT_MARK.length)) as { measured: Measured; maxRssKb: number };
        return resolve({ status: 'ok', measured: parsed.measured, rssMb: parsed.maxRssKb / 1024 });
      }
      resolve({ status: 'error', message: lastError(stderr) ?? `exited with ${signal ?? code}` });
    });
  });
}

function lastError(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const error = lines.find((l) => /error|heap|cannot|not found/i.test(l));
  return (error ?? lines.at(-1))?.slice(0, 300);
}

/** A child server: its URL and how to stop it (SIGTERM, then SIGKILL after 10 s). */
export interface ChildServer {
  url: string;
  stop: () => Promise<void>;
}

/** Starts the serve function `name` in its own process and resolves once it listens. */
export function startChildServer(name: string, args: CaseArgs, options: RunOptions = {}): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs('serve', name, args, options), {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      if (verbose) process.stderr.write(chunk);
    });
    child.on('close', (code) => reject(new Error(`server ${name} exited with ${code}: ${lastError(stderr) ?? ''}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(LISTEN_MARK));
      if (!line) return;
      const { url } = JSON.parse(line.slice(LISTEN_MARK.length)) as { url: string };
      resolve({
        url,
        stop: async () => {
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(force);
        },
      });
    });
  });
}
