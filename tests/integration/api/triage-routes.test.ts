import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCounts } from '../../../analytics/triage/route-counts.js';
import { cellOf, complaint, postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api.stop());

async function getJson(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('complaints with their triage routes over HTTP (SPEC §11)', () => {
  it('answers one complaint with its route, reason, incidents and hexagon, or 404', async () => {
    const { status, body } = await getJson('/v1/complaints/C-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ complaint_id: 'C-1', route: 'optimisation', route_reason: 'no known problem', h3: cellOf(30.2741, 120.1551), incident_ids: [] });
    expect((await getJson('/v1/complaints/C-6')).body).toMatchObject({ route: 'unlocated', h3: null });
    const missing = await getJson('/v1/complaints/NOPE');
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
  });

  it('routes a live batch that makes a coverage cluster to escalate, and lists it by route as JSON, CSV and Arrow', async () => {
    const batch = [0, 5, 10, 15, 20, 25].map((m) => complaint(`L-${m}`, `2024-05-10T10:${String(m).padStart(2, '0')}:00+08:00`, 'Hangzhou', 'no_signal', 'LTE', 30.31, 120.25));
    expect((await postJson(`${api.url}/v1/complaints`, batch)).status).toBe(200);
    const listed = await getJson('/v1/complaints?route=escalate&city=Hangzhou&from=2024-05-10&to=2024-05-11');
    expect(listed.body.map((c: { complaint_id: string }) => c.complaint_id).sort()).toEqual(batch.map((c) => c.complaint_id).sort());
    expect(listed.body[0].incident_ids).toHaveLength(1);
    const csv = await fetch(`${api.url}/v1/complaints?route=escalate&format=csv`);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('complaint_id,received_at,city,category,technology,lat,lon,h3,cell_id,route,route_reason,incident_ids');
    expect(lines).toHaveLength(7);
    const arrow = await fetch(`${api.url}/v1/complaints?route=escalate&format=arrow`);
    expect(arrow.headers.get('content-type')).toContain('arrow');
    expect((await getJson('/v1/complaints?route=bogus')).status).toBe(400);
  });

  it('counts complaints per city and route as the analytics do, and scores the cities', async () => {
    const counts = await getJson('/v1/triage?month=2024-05');
    expect(counts.body).toEqual(await routeCounts(api.db, { month: '2024-05' }));
    const appraisal = await getJson('/v1/appraisal?month=2024-05');
    expect(appraisal.status).toBe(200);
    expect(appraisal.body.map((r: { city: string }) => r.city).sort()).toEqual(['Hangzhou', 'Ningbo']);
    expect(appraisal.body[0]).toHaveProperty('compliance_target', 0.9345);
    expect((await getJson('/v1/appraisal?month=2024-13')).status).toBe(400);
  });
});
