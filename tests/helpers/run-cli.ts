import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `bin/cellpulse.js` lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../bin/cellpulse.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The last non-empty line of stdout. */
  lastLine: string;
  /** True when the process outlived `timeoutMs` and was killed by this helper. */
  timedOut: boolean;
}

/** Environment of a CLI run: no terminal, no CI-dependent behaviour, zone pinned. */
export function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TZ: 'UTC', CI: '1', FORCE_COLOR: '0' };
}

/** Starts `node bin/cellpulse.js <args>` without waiting for it. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...cliEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits for a started process, collecting its output; kills it (SIGKILL) after `timeoutMs`. */
export function collect(child: ChildProcess, timeoutMs = 30_000): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      resolve({ code, signal, stdout, stderr, lastLine: lines[lines.length - 1] ?? '', timedOut });
    });
  });
}

/** Runs the CLI to the end (or `timeoutMs`). */
export function runCli(args: readonly string[], timeoutMs = 30_000, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return collect(spawnCli(args, env), timeoutMs);
}
