import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, REPO_ROOT } from './run-cli.js';

export interface ServeChild {
  child: ChildProcess;
  url: string;
  /** Resolves when the process is gone. */
  exited: Promise<void>;
}

/** `cellpulse serve --db <file> --port 0` as a child process, once it listens. */
export async function serveChild(file: string, env: Record<string, string>): Promise<ServeChild> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', file, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TZ: 'UTC', CELLPULSE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`server exited before listening: ${text}`)));
  });
  return { child, url, exited };
}
