import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleIncident, type HandlingAction } from '../../../analytics/alerts/incident-handling.js';
import { listIncidents } from '../../../analytics/clusters/incidents/incident-reader.js';
import { serviceKpis } from '../../../analytics/kpis/service-kpis.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { removeDir, makeTmpDir, tmpDbPerSuite, type TmpDb } from '../../helpers/tmp-db.js';
import { burst, post, serveFile, type FileServer } from './alert-fixture.js';

const ingest = (t: TmpDb, records: Record<string, unknown>[]) =>
  ingestFile(t.db, { kind: 'complaints', source: { records, name: 'test' } });

/** Acknowledges or resolves an incident at a given time, as the route would. */
const handle = (t: TmpDb, id: string, action: HandlingAction, at: string) =>
  t.db.write((conn) => handleIncident(conn, id, action, new Date(at)));

describe('handling through re-detection', () => {
  const t = tmpDbPerSuite();

  it('keeps the earliest acknowledgement when incidents merge, and follows an incident whose id changes', async () => {
    await ingest(t, [...burst('A', '2024-09-03T10:00:00Z'), ...burst('B', '2024-09-03T12:00:00Z')]);
    const [b, a] = await listIncidents(t.db);
    expect([a!.start, b!.start]).toEqual(['2024-09-03T10:00:00.000Z', '2024-09-03T12:00:00.000Z']);
    await handle(t, b!.incident_id, { kind: 'ack', by: 'early', note: 'on it' }, '2024-09-03T12:10:00Z');
    await handle(t, a!.incident_id, { kind: 'resolve', by: 'late', rootCause: 'fault' }, '2024-09-03T12:30:00Z');

    const bridged = await ingest(t, burst('C', '2024-09-03T11:00:00Z'));
    const [merged, ...others] = await listIncidents(t.db);
    expect(others).toEqual([]);
    expect(merged!.complaint_count).toBe(18);
    expect(merged!.incident_id).toBe(a!.incident_id);
    expect(merged!.handling).toEqual({
      state: 'acknowledged',
      acknowledged_at: '2024-09-03T12:10:00.000Z',
      acknowledged_by: 'early',
      resolved_at: null,
      resolved_by: null,
      root_cause: null,
      note: 'on it',
    });
    expect(bridged.events.map((e) => [e.type, e.incident.handling.acknowledged_by])).toEqual([
      ['incident.updated', 'early'],
    ]);

    const grown = await ingest(t, [{ ...burst('D', '2024-09-03T09:59:00Z')[0], complaint_id: 'D-0' }]);
    const [renamed] = await listIncidents(t.db);
    expect(renamed!.incident_id).not.toBe(merged!.incident_id);
    expect(renamed!.complaint_count).toBe(19);
    expect(renamed!.handling).toEqual(merged!.handling);
    expect(grown.events[0]!.incident.handling.state).toBe('acknowledged');
    const leftovers = await t.db.all('SELECT incident_id FROM incident_handling ORDER BY incident_id');
    expect(leftovers.map((r) => r.incident_id)).toEqual([renamed!.incident_id]);
  });
});

describe('POST /v1/incidents/{id}/ack and /resolve', () => {
  let dir: string;
  let api: FileServer;
  let id: string;
  beforeAll(async () => {
    dir = makeTmpDir('cellpulse-handling-');
    api = await serveFile(`${dir}/h.duckdb`);
    id = (await post(`${api.url}/v1/complaints`, burst('H', '2024-09-04T10:00:00Z'))).body.incidents[0].incident_id;
  });
  afterAll(async () => {
    await api?.close();
    removeDir(dir);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await (await fetch(`${api.url}/v1/incidents/${id}`)).json();
    expect((await post(`${api.url}/v1/incidents/${id}/ack`, { by: 'x' }, null)).status).toBe(401);
    expect(await post(`${api.url}/v1/incidents/inc_nope/ack`, { by: 'x' })).toMatchObject({
      status: 404,
      body: { code: 'not_found' },
    });
    const cause = await post(`${api.url}/v1/incidents/${id}/resolve`, { by: 'x', root_cause: 'gremlins' });
    expect(cause.status).toBe(400);
    expect(cause.body.message).toContain('fault, coverage, capacity, interference, external, unknown');
    expect((await post(`${api.url}/v1/incidents/${id}/ack`, {})).status).toBe(400);
    expect((await post(`${api.url}/v1/incidents/${id}/ack`, { by: '  ' })).status).toBe(400);
    expect(await (await fetch(`${api.url}/v1/incidents/${id}`)).json()).toEqual(before);
    expect(before.handling.state).toBe('new');
    // Without webhooks there is nothing to deliver.
    expect(await (await fetch(`${api.url}/v1/alerts/deliveries`)).json()).toEqual([]);
    expect((await fetch(`${api.url}/v1/alerts/deliveries?state=lost`)).status).toBe(400);
  });

  it('acknowledges (a repeat keeps the first), resolves, then refuses to acknowledge a resolved incident', async () => {
    const acked = await post(`${api.url}/v1/incidents/${id}/ack`, { by: 'noc-1', note: 'looking' });
    expect(acked.body.handling).toMatchObject({ state: 'acknowledged', acknowledged_by: 'noc-1', note: 'looking' });
    const again = await post(`${api.url}/v1/incidents/${id}/ack`, { by: 'noc-2' });
    expect(again.body.handling).toEqual(acked.body.handling);
    const resolved = await post(`${api.url}/v1/incidents/${id}/resolve`, { by: 'noc-3', root_cause: 'interference' });
    expect(resolved.body.handling).toMatchObject({
      state: 'resolved',
      acknowledged_by: 'noc-1',
      acknowledged_at: acked.body.handling.acknowledged_at,
      resolved_by: 'noc-3',
      root_cause: 'interference',
    });
    expect(await post(`${api.url}/v1/incidents/${id}/ack`, { by: 'x' })).toMatchObject({
      status: 409,
      body: { code: 'conflict' },
    });
    expect((await post(`${api.url}/v1/incidents/${id}/resolve`, { by: 'x', root_cause: 'fault' })).status).toBe(409);
    const csv = await (await fetch(`${api.url}/v1/incidents?format=csv`)).text();
    expect(csv.split('\n')[0]).toContain('handling_state');
    expect(csv).toContain('interference');
  });

  it('resolving an unacknowledged incident acknowledges it too', async () => {
    const other = (
      await post(`${api.url}/v1/complaints`, burst('R', '2024-09-04T10:05:00Z', 'slow_data', 31.01, 121.01))
    ).body.incidents[0];
    const resolved = await post(`${api.url}/v1/incidents/${other.incident_id}/resolve`, {
      by: 'noc-9',
      root_cause: 'capacity',
      note: 'added carrier',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.handling).toMatchObject({
      state: 'resolved',
      acknowledged_by: 'noc-9',
      resolved_by: 'noc-9',
      note: 'added carrier',
    });
    expect(resolved.body.handling.acknowledged_at).toBe(resolved.body.handling.resolved_at);
  });
});

describe('KPIs: incidents and the share acknowledged within 2 h of their start', () => {
  const t = tmpDbPerSuite();

  it('counts per city and local month; exactly 2 h is in time, a second later is not', async () => {
    await ingest(t, [
      ...burst('K1', '2024-09-10T01:00:00Z'),
      ...burst('K2', '2024-09-10T05:00:00Z'),
      ...burst('K3', '2024-09-10T09:00:00Z'),
      ...burst('K4', '2024-09-30T17:00:00Z'),
    ]);
    const byStart = new Map((await listIncidents(t.db)).map((i) => [i.start, i.incident_id]));
    const ack = (start: string, at: string) => handle(t, byStart.get(start)!, { kind: 'ack', by: 'noc' }, at);
    await ack('2024-09-10T01:00:00.000Z', '2024-09-10T03:00:00.000Z');
    await ack('2024-09-10T05:00:00.000Z', '2024-09-10T07:00:01.000Z');
    await ack('2024-09-30T17:00:00.000Z', '2024-09-30T17:30:00.000Z');
    const rows = await serviceKpis(t.db, { totals: true });
    const pick = (r: (typeof rows)[number]) => [
      r.city,
      r.month,
      r.incidents,
      r.acknowledged_2h,
      r.acknowledged_2h_rate,
    ];
    // K4 starts on 1 October in Shanghai time, the database's zone.
    expect(rows.map(pick)).toEqual([
      ['Hangzhou', '2024-09', 3, 1, 1 / 3],
      ['ALL', '2024-09', 3, 1, 1 / 3],
      ['Hangzhou', '2024-10', 1, 1, 1],
      ['ALL', '2024-10', 1, 1, 1],
    ]);
  });
});
