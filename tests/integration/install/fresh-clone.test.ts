import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerRecord, serverRecordPath } from '../../../api/cli/server-record.js';
import { cliEnv, REPO_ROOT } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';

let dir: string;
let clone: string;
let server: ChildProcess | undefined;

/**
 * What `npm install` / `npm ci` does to a fresh clone beyond fetching packages: its `prepare`
 * script. The packages come from this checkout (a symlinked node_modules), so the test needs no
 * network; the clone holds only committed files, as a new user's would.
 */
beforeAll(() => {
  dir = makeTmpDir('cellpulse-clone-');
  clone = join(dir, 'cellpulse');
  execFileSync('git', ['clone', '--quiet', REPO_ROOT, clone]);
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(clone, 'node_modules'));
  execFileSync('npm', ['run', '--silent', 'prepare'], { cwd: clone, stdio: ['ignore', 'ignore', 'pipe'] });
}, 300_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  removeDir(dir);
});

async function startServe(db: string): Promise<ServerRecord> {
  server = spawn(process.execPath, [join(clone, 'bin/cellpulse.js'), 'serve', '--db', db, '--port', '0'], {
    cwd: clone,
    env: { ...cliEnv(), CELLPULSE_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    if (existsSync(serverRecordPath(db)))
      return ServerRecord.parse(JSON.parse(readFileSync(serverRecordPath(db), 'utf8')));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('serve wrote no server record within 30 s');
}

describe('a fresh clone after `npm install`', () => {
  it('has the compiled CLI and built dashboard, and `serve` answers / with the dashboard, not a redirect', async () => {
    expect(existsSync(join(clone, 'dist/api/cli/main.js'))).toBe(true);
    expect(existsSync(join(clone, 'api/dashboard/dist/index.html'))).toBe(true);
    const { url } = await startServe(join(dir, 'fresh.duckdb'));
    const page = await fetch(`${url}/`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const script = /<script type="module"[^>]*src="\.\/(assets\/[^"]+\.js)"/.exec(html);
    expect(script, html.slice(0, 400)).not.toBeNull();
    const app = await fetch(`${url}/${script![1]}`);
    expect(app.status).toBe(200);
    expect((await app.text()).length).toBeGreaterThan(10_000);
  }, 120_000);
});
