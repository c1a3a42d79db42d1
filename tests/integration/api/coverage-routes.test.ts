import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteCandidates } from '../../../analytics/coverage/site-candidates.js';
import { weakCoverage } from '../../../analytics/coverage/weak-coverage.js';
import { SiteCandidateRow, WeakCoverageRow } from '../../../domain/coverage.js';
import { hexCentreOf, holePoint, ingestArea, RANKED_STATUSES } from '../analytics/coverage-fixture.js';
import { expectBadQueries, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
  await ingestArea(api.db);
});
afterAll(async () => api?.stop());

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.url}${path}`, { headers });
}

async function arrowOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
  return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
}

/** The same result as the analytics function gives, as it travels in JSON. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('GET /v1/coverage', () => {
  it('answers JSON equal to weakCoverage, the hole first', async () => {
    const response = await get('/v1/coverage?city=Shanghai&limit=5');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { h3: string; complaints: number; nearest_site: { distance_km: number } }[];
    expect(body).toHaveLength(5);
    expect(body[0]!.h3).toBe(hexCentreOf(holePoint('A')).h3);
    expect(body).toEqual(asJson(await weakCoverage(api.db, { city: 'Shanghai', limit: 5 })));
    const nr = (await (await get('/v1/coverage?technology=NR&min_complaints=2')).json()) as {
      technology: string;
      complaints: number;
    }[];
    expect(nr).toEqual([expect.objectContaining({ technology: 'NR', complaints: 2 })]);
  });

  it('draws each hexagon as a GeoJSON polygon with its flat row as properties', async () => {
    const response = await get('/v1/coverage?city=Shanghai&limit=3&format=geojson');
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const collection = (await response.json()) as {
      type: string;
      features: {
        id: string;
        geometry: { type: string; coordinates: number[][][] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(3);
    const [first] = collection.features;
    expect(first!.id).toBe(hexCentreOf(holePoint('A')).h3);
    expect(first!.geometry.type).toBe('Polygon');
    const ring = first!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    expect(first!.properties).toMatchObject({
      h3: first!.id,
      complaints: 14,
      distinct_days: 4,
      technologies: 'LTE:12;NR:2',
    });
  });

  it('writes CSV and Arrow with the same rows as JSON', async () => {
    const json = (await (await get('/v1/coverage?city=Shanghai')).json()) as {
      h3: string;
      complaints: number;
      nearest_site: { cell_id: string; distance_km: number };
    }[];
    const csv = (await (await get('/v1/coverage?city=Shanghai', { accept: 'text/csv' })).text()).trim().split('\n');
    expect(csv[0]).toBe(Object.keys(WeakCoverageRow.shape).join(','));
    expect(csv).toHaveLength(json.length + 1);
    const header = csv[0]!.split(',');
    const first = Object.fromEntries(csv[1]!.split(',').map((v, i) => [header[i], v]));
    expect(first).toMatchObject({ h3: json[0]!.h3, complaints: '14', nearest_cell_id: json[0]!.nearest_site.cell_id });
    const table = await arrowOf(await get('/v1/coverage?city=Shanghai&format=arrow'));
    expect(table.numRows).toBe(json.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(WeakCoverageRow.shape));
    expect(table.getChild('h3')!.toArray()).toEqual(json.map((h) => h.h3));
    expect([...table.getChild('complaints')!.toArray()]).toEqual(json.map((h) => h.complaints));
    expect([...table.getChild('nearest_site_km')!.toArray()]).toEqual(json.map((h) => h.nearest_site.distance_km));
  });

  it('answers 400 with { code, message } on bad parameters', async () => {
    const queries = ['limit=0', 'min_complaints=abc', 'technology=5G', 'from=yesterday', 'format=xml', 'limit=1.5'];
    await expectBadQueries(api, '/v1/coverage', queries);
  });
});

describe('GET /v1/site-candidates', () => {
  it('answers JSON equal to siteCandidates: proposed first, then planned_site, then no_investment', async () => {
    const response = await get('/v1/site-candidates?city=Shanghai');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; complaints: number; hexes: string[] }[];
    expect(body.map((c) => c.status)).toEqual(RANKED_STATUSES);
    expect(body[0]!.hexes).toContain(hexCentreOf(holePoint('A')).h3);
    expect(body).toEqual(asJson(await siteCandidates(api.db, { city: 'Shanghai' })));
    const strict = (await (await get('/v1/site-candidates?city=Shanghai&min_complaints=5')).json()) as {
      complaints: number;
    }[];
    expect(strict.map((c) => c.complaints)).toEqual([14, 5]);
  });

  it('writes GeoJSON MultiPolygons, CSV and Arrow', async () => {
    const json = (await (await get('/v1/site-candidates?city=Shanghai')).json()) as {
      candidate_id: string;
      hexes: string[];
      proposed_point: { lat: number };
    }[];
    const collection = (await (await get('/v1/site-candidates?city=Shanghai&format=geojson')).json()) as {
      features: {
        id: string;
        geometry: { type: string; coordinates: unknown[] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(collection.features.map((f) => f.id)).toEqual(json.map((c) => c.candidate_id));
    for (const [i, feature] of collection.features.entries()) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      expect(feature.properties.hexes).toBe(json[i]!.hexes.join(';'));
      expect(feature.properties.proposed_lat).toBe(json[i]!.proposed_point.lat);
    }
    const csv = (await (await get('/v1/site-candidates?city=Shanghai&format=csv')).text()).trim().split('\n');
    expect(csv[0]).toBe(Object.keys(SiteCandidateRow.shape).join(','));
    expect(csv).toHaveLength(json.length + 1);
    const table = await arrowOf(
      await get('/v1/site-candidates?city=Shanghai', { accept: 'application/vnd.apache.arrow.stream' }),
    );
    expect(table.getChild('candidate_id')!.toArray()).toEqual(json.map((c) => c.candidate_id));
    expect(table.getChild('status')!.toArray()).toEqual(RANKED_STATUSES);
    const empty = await arrowOf(await get('/v1/site-candidates?city=Nowhere&format=arrow'));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(Object.keys(SiteCandidateRow.shape));
  });

  it('answers 400 on bad parameters', async () => {
    for (const query of ['min_complaints=0', 'planned_within_km=-1', 'at=soon', 'technology=LTE5']) {
      const response = await get(`/v1/site-candidates?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});
