import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, createLogger } from '../../../api/server.js';
import { Database } from '../../../store/database.js';
import { burst, postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

const ROOT = join(import.meta.dirname, '../../..');

describe('webhooks', () => {
  let api: ApiFixture;
  let hook: { url: string; received: { body: string; signature: string | undefined }[]; close: () => void };
  beforeAll(async () => {
    hook = await webhookReceiver(1);
    api = await startApiFixture({ webhookUrls: [hook.url], webhookSecret: 's3cret', webhookBaseDelayMs: 100 });
  });
  afterAll(async () => {
    await api?.stop();
    hook?.close();
  });

  it('posts raised incidents to the configured URL, retrying after a failure, without delaying ingest', async () => {
    const response = await postJson(
      `${api.url}/v1/complaints`,
      burst('W', '2024-08-01T10:00:00+08:00', 'voice_quality'),
    );
    expect((await response.json()).incidents).toHaveLength(1);
    expect(hook.received).toHaveLength(0); // the first try fails (500) and the answer did not wait for it
    const until = Date.now() + 5000;
    while (hook.received.filter((r) => r.body !== '').length < 1 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    const delivered = hook.received.filter((r) => r.body !== '');
    expect(delivered).toHaveLength(1);
    const payload = JSON.parse(delivered[0]!.body);
    expect(payload).toMatchObject({
      specversion: '1.0',
      type: 'cellpulse.incident.opened',
      data: { category: 'voice_quality', complaint_count: 6 },
    });
    expect(delivered[0]!.signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });
});

describe('server options', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cellpulse-opts-'));
    db = await Database.open(join(dir, 'opts.duckdb'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a built dashboard at / when its directory exists', async () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>cellpulse</title><script src="/app.js"></script>');
    const app = await buildServer({ db, logger: createLogger('silent'), config: { dashboardDir: dist } });
    try {
      const page = await app.inject({ url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>cellpulse</title>');
      expect((await app.inject({ url: '/v1/meta' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/v1/unknown' })).json()).toMatchObject({ code: 'not_found' });
    } finally {
      await app.close();
    }
  });

  it('sends CORS headers only for configured origins', async () => {
    const app = await buildServer({
      db,
      logger: createLogger('silent'),
      config: { corsOrigins: ['http://dash.example'] },
    });
    try {
      const allowed = await app.inject({ url: '/v1/meta', headers: { origin: 'http://dash.example' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('http://dash.example');
      const other = await app.inject({ url: '/v1/meta', headers: { origin: 'http://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('cellpulse serve', () => {
  it('serves until SIGTERM, then ends open alert streams, closes DuckDB and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpulse-serve-'));
    const file = join(dir, 'serve.duckdb');
    const child = spawn(process.execPath, [join(ROOT, 'bin/cellpulse.js'), 'serve', '--db', file, '--port', '0'], {
      env: { ...process.env, CELLPULSE_LOG_LEVEL: 'info', CELLPULSE_API_KEYS: 'k' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await listeningUrl(child.stdout!);
      expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready' });
      const stream = await fetch(`${url}/v1/alerts/stream`);
      const reader = stream.body!.getReader();
      await reader.read();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
      expect(await exited).toBe(0);
      const reopened = await Database.open(file);
      await reopened.close();
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A loopback HTTP server that answers 500 to the first `failures` posts, then 204. */
async function webhookReceiver(
  failures: number,
): Promise<{ url: string; received: { body: string; signature: string | undefined }[]; close: () => void }> {
  const received: { body: string; signature: string | undefined }[] = [];
  let seen = 0;
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen += 1;
      if (seen <= failures) return response.writeHead(500).end();
      received.push({ body, signature: request.headers['webhook-signature'] as string | undefined });
      return response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/hook`, received, close: () => server.close() };
}

/** The URL from pino's "Server listening at ..." line. */
function listeningUrl(stdout: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 30_000);
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
}
