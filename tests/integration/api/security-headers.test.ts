import { createServer, type Server } from 'node:http';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
let twin: Server;
/** What helmet's own middleware sets on a real response (CSP off: the server writes its own). */
let helmetSets: Record<string, string>;

beforeAll(async () => {
  api = await startApiFixture();
  const middleware = helmet({ contentSecurityPolicy: false });
  twin = createServer((req, res) => middleware(req, res, () => res.end()));
  await new Promise<void>((resolve) => twin.listen(0, '127.0.0.1', resolve));
  const { port } = twin.address() as { port: number };
  const answer = await fetch(`http://127.0.0.1:${port}/`);
  await answer.arrayBuffer();
  helmetSets = {};
  answer.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'content-length'].includes(name)) helmetSets[name] = value;
  });
});
afterAll(async () => {
  await api?.stop();
  await new Promise((resolve) => twin?.close(resolve));
});

function expectSecurityHeaders(response: Response, what: string): void {
  expect(Object.keys(helmetSets).length).toBeGreaterThan(5);
  for (const [name, value] of Object.entries(helmetSets))
    expect(response.headers.get(name), `${what}: ${name}`).toBe(value);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toContain('upgrade-insecure-requests');
  expect(response.headers.get('x-powered-by'), what).toBeNull();
}

describe('security headers', () => {
  it("carry helmet's defaults and the CSP on answers, stored answers, 304s, errors and 404s", async () => {
    const first = await fetch(`${api.url}/v1/meta`);
    await first.arrayBuffer();
    expectSecurityHeaders(first, 'a computed 200');
    const stored = await fetch(`${api.url}/v1/meta`);
    await stored.arrayBuffer();
    expectSecurityHeaders(stored, 'a stored answer');
    const notModified = await fetch(`${api.url}/v1/meta`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expectSecurityHeaders(notModified, 'a 304');
    const cases: [string, Promise<Response>, number][] = [
      ['a bad query', fetch(`${api.url}/v1/hexagons?res=99`), 400],
      ['an unknown route', fetch(`${api.url}/v1/nothing-here`), 404],
      ['a write without a key', postJson(`${api.url}/v1/complaints`, [], null), 401],
      ['malformed JSON', postJson(`${api.url}/v1/complaints`, '[{'), 400],
      ['Swagger UI', fetch(`${api.url}/docs/`), 200],
    ];
    for (const [what, answer, status] of cases) {
      const response = await answer;
      await response.arrayBuffer();
      expect(response.status, what).toBe(status);
      expectSecurityHeaders(response, what);
    }
  });

  it('carry them on the alert stream, whose response is written by hand', async () => {
    const abort = new AbortController();
    const stream = await fetch(`${api.url}/v1/alerts/stream`, { signal: abort.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expectSecurityHeaders(stream, 'the SSE stream');
    abort.abort();
  });
});
