import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api?.stop());

const ROUTES: [string, string][] = [
  ['get', '/healthz'],
  ['get', '/readyz'],
  ['get', '/v1/meta'],
  ['post', '/v1/complaints'],
  ['post', '/v1/ingest/{kind}'],
  ['get', '/v1/alerts/stream'],
  ['get', '/v1/alerts/deliveries'],
  ['get', '/v1/incidents'],
  ['get', '/v1/incidents/{id}'],
  ['post', '/v1/incidents/{id}/ack'],
  ['post', '/v1/incidents/{id}/resolve'],
  ['get', '/v1/hexagons'],
  ['get', '/v1/rates'],
  ['get', '/v1/kpis'],
  ['get', '/v1/lookup'],
  ['get', '/v1/sites'],
  ['get', '/v1/coverage'],
  ['get', '/v1/coverage/trends'],
  ['get', '/v1/signals'],
  ['get', '/v1/site-candidates'],
  ['get', '/v1/ingest-runs'],
  ['get', '/v1/rejected-rows'],
  ['get', '/v1/targets'],
  ['put', '/v1/targets'],
  ['get', '/v1/complaints'],
  ['get', '/v1/complaints/{id}'],
  ['get', '/v1/triage'],
  ['get', '/v1/appraisal'],
  ['post', '/v1/triage/recompute'],
  ['get', '/v1/coverage/construction'],
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  parameters?: { name: string; in: string; schema?: unknown }[];
  requestBody?: { content: Record<string, unknown> };
}

describe('OpenAPI document', () => {
  it('is an OpenAPI 3 document listing every route', async () => {
    const response = await fetch(`${api.url}/docs/json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    for (const [method, path] of ROUTES)
      expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    const v1 = Object.keys(doc.paths).filter((p) => p.startsWith('/v1'));
    const expected = [...new Set(ROUTES.map(([, p]) => p))].filter((p) => p.startsWith('/v1')).sort();
    expect(v1.sort()).toEqual(expected);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
  });

  it('has well-formed operations: responses, typed parameters, unique names, documented bodies', async () => {
    const doc = (await (await fetch(`${api.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const code of Object.keys(op.responses)) expect(code).toMatch(/^([1-5]\d\d|default)$/);
        const names = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
        expect(new Set(names).size).toBe(names.length);
        for (const p of op.parameters ?? []) {
          expect(['query', 'path', 'header', 'cookie']).toContain(p.in);
          expect(p.schema, `${method} ${path} ${p.name}`).toBeDefined();
        }
        for (const placeholder of path.match(/\{(\w+)\}/g) ?? [])
          expect(names).toContain(`path:${placeholder.slice(1, -1)}`);
      }
    }
    const hexagons = doc.paths['/v1/hexagons']!.get!;
    expect(hexagons.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['res', 'bbox', 'within', 'category', 'technology', 'city', 'from', 'to', 'format']),
    );
    expect(Object.keys(hexagons.responses['200']!.content!)).toEqual([
      'application/json',
      'application/geo+json',
      'text/csv',
      'application/vnd.apache.arrow.stream',
    ]);
    const complaints = doc.paths['/v1/complaints']!.post!;
    expect(Object.keys(complaints.requestBody!.content)).toEqual(expect.arrayContaining(['application/json']));
    expect(JSON.stringify(complaints.requestBody)).toContain('complaint_id');
  });
});
