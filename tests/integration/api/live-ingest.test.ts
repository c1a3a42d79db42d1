import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseClient } from '../../helpers/sse-client.js';
import { complaint, postJson, startApiFixture, WRITE_KEY, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api?.stop());

describe('POST /v1/complaints', () => {
  it('answers the outcome of every row, with the same rejects as file ingest', async () => {
    const rows = [
      complaint('L-1', '2024-06-01T10:00:00+08:00', 'Hangzhou', 'slow_data', 'LTE', 30.25, 120.16),
      complaint('C-1', '2024-05-01T09:30:00+08:00', 'Hangzhou', 'weak_coverage', 'LTE', 30.2741, 120.1551),
      { ...complaint('L-2', '2024-06-01T10:00:00+08:00', 'Hangzhou', 'slow_data', 'LTE', 30.25, 120.16), lat: 123.4 },
      { complaint_id: 'L-3', received_at: 'not a time', city: 'Hangzhou', category: 'cats', technology: 'LTE' },
    ];
    const response = await postJson(`${api.url}/v1/complaints`, rows);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 1, updated: 1, rejected: 2, incidents: [] });
    expect(body.rows).toEqual([
      { item: 1, complaint_id: 'L-1', status: 'accepted' },
      { item: 2, complaint_id: 'C-1', status: 'updated' },
      {
        item: 3,
        complaint_id: 'L-2',
        status: 'rejected',
        reason: expect.stringContaining('lat 123.4 is outside [-90, 90]'),
      },
      {
        item: 4,
        complaint_id: 'L-3',
        status: 'rejected',
        reason: expect.stringMatching(/received_at.*category "cats"/),
      },
    ]);
    const runs = await (await fetch(`${api.url}/v1/ingest-runs?kind=complaints&limit=1`)).json();
    expect(runs[0]).toMatchObject({
      source: 'api',
      format: 'request',
      actor: expect.stringMatching(/^key:[0-9a-f]{8}$/),
    });
  });

  it('takes NDJSON, rejecting a malformed line on its own', async () => {
    const lines = [
      JSON.stringify(complaint('N-1', '2024-06-02T10:00:00+08:00', 'Ningbo', 'other', 'LTE', 29.87, 121.54)),
      '{not json',
      '',
    ].join('\n');
    const response = await postJson(`${api.url}/v1/complaints`, lines, WRITE_KEY, {
      'content-type': 'application/x-ndjson',
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(body.rows[1]).toMatchObject({
      item: 2,
      status: 'rejected',
      reason: expect.stringContaining('not a JSON object'),
    });
  });

  it('changes the ETag of read routes once data changes', async () => {
    const before = (await fetch(`${api.url}/v1/hexagons`)).headers.get('etag')!;
    await postJson(`${api.url}/v1/complaints`, [
      complaint('E-1', '2024-06-03T10:00:00+08:00', 'Ningbo', 'other', 'LTE', 29.87, 121.54),
    ]);
    const after = await fetch(`${api.url}/v1/hexagons`, { headers: { 'if-none-match': before } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
  });
});

describe('POST /v1/ingest/{kind}', () => {
  it('ingests an uploaded CSV file, format told by its name', async () => {
    const csv =
      'cell_id,site_id,city,technology,lat,lon,status\nUP-1,S9,Wenzhou,LTE,28.0,120.65,active\n' +
      'UP-2,S9,Wenzhou,LTE,95,120.65,active\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'new-sites.csv');
    const response = await fetch(`${api.url}/v1/ingest/sites`, {
      method: 'POST',
      body: form,
      headers: { 'x-api-key': WRITE_KEY },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      kind: 'sites',
      source: 'new-sites.csv',
      total: 2,
      accepted: 1,
      rejected: 1,
    });
    const sites = await (await fetch(`${api.url}/v1/sites?city=Wenzhou`)).json();
    expect(sites).toHaveLength(1);
  });

  it('refuses a file it cannot read, an unknown extension and an over-limit file', async () => {
    const upload = (body: string, name: string, kind = 'sites'): Promise<Response> => {
      const form = new FormData();
      form.append('file', new Blob([body]), name);
      return fetch(`${api.url}/v1/ingest/${kind}`, { method: 'POST', body: form, headers: { 'x-api-key': WRITE_KEY } });
    };
    const missing = await upload('foo,bar\n1,2\n', 'sites.csv');
    expect(missing.status).toBe(422);
    const refusal = await missing.json();
    expect(refusal).toMatchObject({
      code: 'refused_file',
      message: expect.stringContaining('missing required column'),
    });
    expect(refusal.message).not.toContain('cellpulse-upload-');
    expect((await upload('x', 'sites.xlsx')).status).toBe(422);
    expect((await upload('x', 'sites.csv', 'planets')).status).toBe(400);
    const notMultipart = await postJson(`${api.url}/v1/ingest/sites`, []);
    expect(notMultipart.status).toBe(415);
  });
});

describe('GET /v1/alerts/stream', () => {
  it('pushes the incident raised by a live ingest within a second', async () => {
    const client = sseClient(`${api.url}/v1/alerts/stream?category=no_service`);
    await client.ready;
    try {
      const base = Date.parse('2024-07-01T10:00:00+08:00');
      const burst = Array.from({ length: 6 }, (_, i) =>
        complaint(
          `S-${i}`,
          new Date(base + i * 5 * 60_000).toISOString(),
          'Hangzhou',
          'no_service',
          'LTE',
          30.2741 + i * 0.0002,
          120.1551,
        ),
      );
      const started = Date.now();
      const arrived = client.waitFor((e) => e.event === 'incident.opened', 1000);
      arrived.catch(() => undefined); // awaited below; this only keeps a timeout from counting as unhandled
      const response = await postJson(`${api.url}/v1/complaints`, burst);
      const event = await arrived;
      // Within one second of sending the batch, ingest included.
      expect(Date.now() - started).toBeLessThan(1000);
      const body = await response.json();
      expect(body.incidents).toHaveLength(1);
      const incident = JSON.parse(event.data);
      expect(incident).toMatchObject({ category: 'no_service', city: 'Hangzhou', complaint_count: 6, status: 'open' });
      expect(incident.complaint_ids.sort()).toEqual(burst.map((c) => c.complaint_id).sort());
      expect(incident.incident_id).toBe(body.incidents[0].incident_id);
      const listed = await (await fetch(`${api.url}/v1/incidents/${encodeURIComponent(incident.incident_id)}`)).json();
      expect(listed.incident_id).toBe(incident.incident_id);
    } finally {
      client.close();
    }
  });

  it('announces the closing of an incident once newer data makes it an hour old', async () => {
    const client = sseClient(`${api.url}/v1/alerts/stream`);
    await client.ready;
    try {
      const base = Date.parse('2024-07-02T10:00:00+08:00');
      const burst = Array.from({ length: 6 }, (_, i) =>
        complaint(`K-${i}`, new Date(base + i * 60_000).toISOString(), 'Ningbo', 'call_drop', 'LTE', 29.8683, 121.544),
      );
      await postJson(`${api.url}/v1/complaints`, burst);
      const opened = JSON.parse(
        (await client.waitFor((e) => e.event === 'incident.opened' && e.data.includes('call_drop'), 1000)).data,
      );
      await postJson(`${api.url}/v1/complaints`, [
        complaint('K-later', '2024-07-02T13:00:00+08:00', 'Ningbo', 'other', 'LTE', 29.5, 121.0),
      ]);
      const closed = await client.waitFor(
        (e) => e.event === 'incident.closed' && e.data.includes(opened.incident_id),
        2000,
      );
      expect(JSON.parse(closed.data)).toMatchObject({ incident_id: opened.incident_id, status: 'closed' });
    } finally {
      client.close();
    }
  });

  it('sends heartbeat comments and replays missed events after Last-Event-ID', async () => {
    const response = await fetch(`${api.url}/v1/alerts/stream`, { headers: { 'last-event-id': '0' } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const until = Date.now() + 1500;
    while (!text.includes(': heartbeat') && Date.now() < until)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: incident.opened');
    expect(text).toContain(': heartbeat');
  });
});
