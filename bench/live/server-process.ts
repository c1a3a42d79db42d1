import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ROOT_DIR } from '../harness/paths.js';

/** `cellpulse serve` as an operator runs it: its own process, through the package's bin. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from the spawn to the first `/readyz` 200. */
  readyMs: number;
  /** SIGTERM and wait for the exit (a clean stop: DuckDB checkpoints and closes). */
  stop: () => Promise<number | null>;
  /** SIGKILL and wait for the exit (nothing is flushed or checkpointed). */
  kill: () => Promise<void>;
  /** CPU seconds (user + system, every thread) the process has used so far (Linux /proc; NaN elsewhere). */
  cpuSeconds: () => number;
}

export const WRITE_KEY = 'bench-live-key';

/** A free loopback port, so the start-up can be polled from the spawn on (no log line to wait for). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `cellpulse serve --db <db>` and polls `/readyz` every 5 ms until it answers 200. `root`: the
 * checkout whose built bin runs (another one to compare a baseline in the same minutes); `nodeArgs`:
 * options of its node (such as `--cpu-prof`, which NODE_OPTIONS may not carry).
 */
export async function startServerProcess(
  db: string,
  timeoutMs = 120_000,
  root = ROOT_DIR,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const args = [...nodeArgs, `${root}bin/cellpulse.js`, 'serve', '--db', db, '--port', String(port)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, CELLPULSE_API_KEYS: WRITE_KEY, CELLPULSE_RATE_LIMIT: '0', CELLPULSE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readyMs = await pollReady(url, started, timeoutMs, () => child.exitCode !== null || child.signalCode !== null);
  if (readyMs === undefined) {
    child.kill('SIGKILL');
    throw new Error(`the server on ${db} did not become ready: ${stderr}`);
  }
  return {
    url,
    child,
    readyMs,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    cpuSeconds: () => processCpuSeconds(child.pid),
  };
}

/** utime + stime of /proc/PID/stat, in clock ticks of 1/100 s (USER_HZ on Linux). */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), from the 3rd: utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function pollReady(
  url: string,
  started: number,
  timeoutMs: number,
  gone: () => boolean,
): Promise<number | undefined> {
  while (performance.now() - started < timeoutMs && !gone()) {
    try {
      const response = await fetch(`${url}/readyz`);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return undefined;
}
