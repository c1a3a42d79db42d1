import { tableFromIPC } from 'apache-arrow';
import { cellToParent } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HexagonCount } from '../../../domain/hexagon-count.js';
import type { IngestRun, RejectedRow } from '../../../domain/ingest-history.js';
import { cellOf, LOCATED_SEED, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api?.stop());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${api.url}${path}`, { headers });
const json = async <T>(path: string): Promise<T> => (await (await get(path)).json()) as T;

async function arrowOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
  return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
}

describe('service routes', () => {
  it('answers liveness, readiness and metadata', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await (await get('/readyz')).json();
    expect(ready).toMatchObject({ status: 'ready', ingest_runs: 3 });
    expect(await (await get('/v1/meta')).json()).toEqual({
      h3_resolution: 8,
      time_zone: 'Asia/Shanghai',
      data_version: api.db.dataVersion,
    });
  });

  it('serves Swagger UI at /docs with security headers that let it load', async () => {
    const page = await get('/docs/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const asset = await get('/docs/static/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('points / at the docs while no dashboard is built, and sends no CORS headers by default', async () => {
    const root = await fetch(`${api.url}/`, { redirect: 'manual', headers: { origin: 'http://evil.example' } });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/docs');
    expect(root.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /v1/hexagons', () => {
  it('counts located complaints per hexagon at the database resolution', async () => {
    const hexes = await json<HexagonCount[]>('/v1/hexagons');
    expect(hexes.reduce((n, h) => n + h.complaints, 0)).toBe(LOCATED_SEED);
    expect(hexes[0]).toMatchObject({ h3: cellOf(30.2741, 120.1551), complaints: 2, resolution: 8 });
  });

  it('re-aggregates into H3 parents and filters by category, city, period and bbox', async () => {
    const coarse = (await (await get('/v1/hexagons?res=5')).json()) as { h3: string; complaints: number }[];
    expect(coarse.reduce((n, h) => n + h.complaints, 0)).toBe(LOCATED_SEED);
    expect(coarse.map((h) => h.h3)).toContain(cellToParent(cellOf(30.2741, 120.1551), 5));
    const weak = (await (
      await get('/v1/hexagons?category=weak_coverage&city=Hangzhou&from=2024-05-02&to=2024-05-03')
    ).json()) as { complaints: number }[];
    expect(weak).toEqual([expect.objectContaining({ complaints: 1 })]);
    const ningbo = (await (await get('/v1/hexagons?bbox=121.4,29.8,121.6,29.9')).json()) as { h3: string }[];
    expect(ningbo.map((h) => h.h3)).toEqual([cellOf(29.8683, 121.544)]);
    const within = (await (
      await get(`/v1/hexagons?within=${cellToParent(cellOf(29.8683, 121.544), 4)}`)
    ).json()) as unknown[];
    expect(within).toHaveLength(1);
  });

  it('writes GeoJSON polygons, CSV and Arrow', async () => {
    const geo = await (await get('/v1/hexagons', { accept: 'application/geo+json' })).json();
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features[0].geometry.type).toBe('Polygon');
    const ring = geo.features[0].geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring[0][0]).toBeGreaterThan(100); // [lon, lat]
    const csv = await (await get('/v1/hexagons?format=csv')).text();
    expect(csv.split('\n')[0]).toBe('h3,resolution,complaints,lat,lon');
    const table = await arrowOf(await get('/v1/hexagons?format=arrow'));
    expect(table.numRows).toBeGreaterThan(0);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'h3:Utf8',
      'resolution:Int32',
      'complaints:Int32',
      'lat:Float64',
      'lon:Float64',
    ]);
  });

  it('sends an empty Arrow stream that still carries its schema', async () => {
    const table = await arrowOf(
      await get('/v1/hexagons?city=Nowhere', { accept: 'application/vnd.apache.arrow.stream' }),
    );
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['h3', 'resolution', 'complaints', 'lat', 'lon']);
  });

  it('answers 304 to a matching If-None-Match and changes the tag with the query', async () => {
    const first = await get('/v1/hexagons?res=6&category=weak_coverage');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"v\d+-/);
    const again = await get('/v1/hexagons?category=weak_coverage&res=6', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const other = await get('/v1/hexagons?res=7&category=weak_coverage', { 'if-none-match': etag! });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });
});

describe('GET /v1/sites', () => {
  it('lists and filters cells', async () => {
    const all = (await (await get('/v1/sites')).json()) as { cell_id: string }[];
    expect(all.map((s) => s.cell_id)).toEqual(['HZ-1', 'HZ-2', 'HZ-3', 'NB-1']);
    const lte = (await (await get('/v1/sites?technology=LTE&city=Hangzhou&status=fault')).json()) as {
      cell_id: string;
    }[];
    expect(lte.map((s) => s.cell_id)).toEqual(['HZ-3']);
    const box = (await (await get('/v1/sites?bbox=121,29,122,30')).json()) as { cell_id: string }[];
    expect(box.map((s) => s.cell_id)).toEqual(['NB-1']);
    const page = (await (await get('/v1/sites?limit=2&offset=1')).json()) as { cell_id: string }[];
    expect(page.map((s) => s.cell_id)).toEqual(['HZ-2', 'HZ-3']);
  });

  it('writes points as GeoJSON, CSV with nulls as empty fields, and Arrow', async () => {
    const geo = await (await get('/v1/sites?format=geojson&city=Ningbo')).json();
    expect(geo.features[0]).toMatchObject({ id: 'NB-1', geometry: { type: 'Point', coordinates: [121.544, 29.8683] } });
    const csv = (await (await get('/v1/sites?format=csv&city=Ningbo')).text()).trim().split('\n');
    expect(csv).toEqual([
      'cell_id,site_id,city,technology,lat,lon,azimuth,status,h3',
      `NB-1,S3,Ningbo,LTE,29.8683,121.544,,planned,${cellOf(29.8683, 121.544)}`,
    ]);
    const table = await arrowOf(await get('/v1/sites?format=arrow'));
    expect(table.numRows).toBe(4);
    expect(table.getChild('azimuth')?.get(3)).toBeNull();
  });

  it('sends an empty Arrow result with its schema', async () => {
    const table = await arrowOf(await get('/v1/sites?format=arrow&city=Nowhere'));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'cell_id',
      'site_id',
      'city',
      'technology',
      'lat',
      'lon',
      'azimuth',
      'status',
      'h3',
    ]);
  });
});

describe('GET /v1/incidents', () => {
  it('lists none for the seed data, in every format', async () => {
    expect(
      await (await get('/v1/incidents?category=call_drop&city=Hangzhou&from=2024-05-01&to=2024-06-01')).json(),
    ).toEqual([]);
    expect((await (await get('/v1/incidents?format=geojson')).json()).features).toEqual([]);
    expect((await (await get('/v1/incidents?format=csv')).text()).split('\n')[0]).toContain(
      'incident_id,category,city,start,end',
    );
    const table = await arrowOf(await get('/v1/incidents?format=arrow'));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.find((f) => f.name === 'start')?.type.toString()).toBe('Timestamp<MILLISECOND>');
  });

  it('answers 404 with the error shape for an unknown id', async () => {
    const response = await get('/v1/incidents/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('ingest history', () => {
  it('lists ingest runs with their counts', async () => {
    const runs = await json<IngestRun[]>('/v1/ingest-runs?kind=complaints');
    expect(runs).toEqual([expect.objectContaining({ source: 'seed-complaints', accepted: 6, rejected: 1 })]);
    const csv = await (await get('/v1/ingest-runs?format=csv')).text();
    expect(csv.trim().split('\n')).toHaveLength(4);
    const table = await arrowOf(await get('/v1/ingest-runs?format=arrow'));
    expect(table.numRows).toBe(3);
  });

  it('lists rejected rows with an actionable reason', async () => {
    const rows = await json<RejectedRow[]>('/v1/rejected-rows');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toContain('lat 123.4 is outside [-90, 90]');
    expect(JSON.parse(rows[0]!.raw)).toMatchObject({ complaint_id: 'C-7' });
    const csv = await (await get('/v1/rejected-rows?format=csv')).text();
    // The raw JSON holds quotes and commas: the field must be quoted with doubled quotes.
    expect(csv).toContain('"{""complaint_id"":""C-7""');
    const empty = await arrowOf(await get('/v1/rejected-rows?format=arrow&kind=sites'));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(['run_id', 'kind', 'source', 'line', 'raw', 'reason']);
  });
});
