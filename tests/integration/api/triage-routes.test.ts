import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { constructionList } from '../../../analytics/coverage/construction-list.js';
import { routeCounts } from '../../../analytics/triage/route-counts.js';
import { cellOf, complaint, postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api.stop());

// biome-ignore lint/suspicious/noExplicitAny: the parsed answer of any route; each test reads the fields it asserts
async function getJson(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('complaints with their triage routes over HTTP (SPEC §11)', () => {
  it('answers one complaint with its route, reason, incidents and hexagon, or 404', async () => {
    const { status, body } = await getJson('/v1/complaints/C-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      complaint_id: 'C-1',
      route: 'optimisation',
      route_reason: 'no known problem',
      h3: cellOf(30.2741, 120.1551),
      incident_ids: [],
    });
    expect((await getJson('/v1/complaints/C-6')).body).toMatchObject({ route: 'unlocated', h3: null });
    const missing = await getJson('/v1/complaints/NOPE');
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
  });

  it('routes a live coverage cluster batch to escalate, and lists it by route as JSON, CSV and Arrow', async () => {
    const batch = [0, 5, 10, 15, 20, 25].map((m) =>
      complaint(
        `L-${m}`,
        `2024-05-10T10:${String(m).padStart(2, '0')}:00+08:00`,
        'Hangzhou',
        'no_signal',
        'LTE',
        30.31,
        120.25,
      ),
    );
    expect((await postJson(`${api.url}/v1/complaints`, batch)).status).toBe(200);
    const listed = await getJson('/v1/complaints?route=escalate&city=Hangzhou&from=2024-05-10&to=2024-05-11');
    expect(listed.body.map((c: { complaint_id: string }) => c.complaint_id).sort()).toEqual(
      batch.map((c) => c.complaint_id).sort(),
    );
    expect(listed.body[0].incident_ids).toHaveLength(1);
    const csv = await fetch(`${api.url}/v1/complaints?route=escalate&format=csv`);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'complaint_id,received_at,city,category,technology,lat,lon,h3,cell_id,route,route_reason,incident_ids',
    );
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

  it("answers the construction department's list as the analytics do, the burst counted by route", async () => {
    const list = await getJson('/v1/coverage/construction?month=2024-05');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(await constructionList(api.db, '2024-05'));
    const burst = list.body.find((r: { escalate: number }) => r.escalate > 0);
    expect(burst).toMatchObject({ city: 'Hangzhou', status: 'proposed', complaints: 6, escalate: 6, optimisation: 0 });
    const path = `${api.url}/v1/coverage/construction?month=2024-05`;
    const csv = (await (await fetch(`${path}&format=csv`)).text()).split('\n');
    expect(csv[0]).toMatch(/^candidate_id,city,status,status_reason,technology,complaints,maintenance,reply_planned,/);
    const arrow = tableFromIPC(new Uint8Array(await (await fetch(`${path}&format=arrow`)).arrayBuffer()));
    expect(arrow.numRows).toBe(list.body.length);
    for (const bad of ['', '?month=2024-5', '?month=May']) {
      expect((await getJson(`/v1/coverage/construction${bad}`)).status, bad).toBe(400);
    }
  });

  it('lists complaints stored before triage as untriaged; re-triages with a write key only, idempotently', async () => {
    // As a database from before triage holds them: no route.
    const forget = `UPDATE complaints SET route = NULL, route_reason = NULL WHERE complaint_id = 'L-0'`;
    await api.db.write((conn) => conn.run(forget));
    const untriaged = await getJson('/v1/complaints?route=untriaged');
    expect(untriaged.body.map((c: { complaint_id: string }) => c.complaint_id)).toEqual(['L-0']);
    const list = (await getJson('/v1/coverage/construction?month=2024-05')).body;
    const burst = list.find((r: { escalate: number }) => r.escalate > 0);
    expect(burst).toMatchObject({ complaints: 6, escalate: 5, untriaged: 1 });

    const url = `${api.url}/v1/triage/recompute`;
    const period = { from: '2024-05-01T00:00:00+08:00', to: '2024-06-01T00:00:00+08:00' };
    expect((await postJson(url, period, null)).status).toBe(401);
    const done = await postJson(url, period);
    expect([done.status, await done.json()]).toEqual([200, { ...period, changed: 1 }]);
    expect((await getJson('/v1/complaints/L-0')).body).toMatchObject({ route: 'escalate' });
    expect(await (await postJson(url, period)).json()).toEqual({ ...period, changed: 0 });
    const bad = await postJson(url, { from: 'yesterday', to: period.to });
    expect([bad.status, (await bad.json()).code]).toEqual([400, expect.any(String)]);
  });
});
