import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, createLogger } from '../../../api/server.js';
import { Database } from '../../../store/database.js';

const INDEX = '<!doctype html><title>cellpulse</title><script type="module" src="./assets/app-1a2b3c.js"></script>';
const SCRIPT = 'console.log("cellpulse");'.repeat(100);

/** A built dashboard as `vite build` leaves it: hashed assets with their `.br`/`.gz` twins. */
function writeDist(dir: string): string {
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(INDEX));
  writeFileSync(join(dist, 'assets', 'app-1a2b3c.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'app-1a2b3c.js.gz'), gzipSync(SCRIPT));
  return dist;
}

describe('the dashboard files at /', () => {
  let dir: string;
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cellpulse-static-'));
    db = await Database.open(join(dir, 'static.duckdb'), { settings: { h3Resolution: 8, timeZone: 'Asia/Shanghai' } });
    app = await buildServer({ db, logger: createLogger('silent'), config: { dashboardDir: writeDist(dir) } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves / to a brotli browser (regression: the directory index was 404 with pre-compressed files)', async () => {
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.rawPayload).toString()).toBe(INDEX);
    const plain = await app.inject({ url: '/', headers: { 'accept-encoding': 'identity' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(INDEX);
  });

  it('serves hashed assets compressed and cacheable for good, the page itself revalidated', async () => {
    const script = await app.inject({ url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toContain('immutable');
    const page = await app.inject({ url: '/' });
    expect(page.headers['cache-control']).not.toContain('immutable');
  });

  it('keeps the JSON 404 for paths that are neither files nor routes', async () => {
    const missing = await app.inject({ url: '/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
  });
});
