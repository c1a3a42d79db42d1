import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiRow } from '../../helpers/kpi-row.js';
import { KpiRow } from '../../../domain/service-kpis.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { expectBadQueries, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
  // The seed's May complaints are never replied; June adds a reply, a late one and a pending one.
  const june = [
    {
      complaint_id: 'K-1',
      received_at: '2024-06-01T09:00:00+08:00',
      city: 'Hangzhou',
      category: 'slow_data',
      technology: 'LTE',
      replied_at: '2024-06-01T10:00:00+08:00',
      resolved_at: '2024-06-01T18:00:00+08:00',
      resolution: 'optimisation',
      satisfied: true,
    },
    {
      complaint_id: 'K-2',
      received_at: '2024-06-02T09:00:00+08:00',
      city: 'Ningbo',
      category: 'slow_data',
      technology: 'LTE',
    },
    {
      complaint_id: 'K-3',
      received_at: '2024-06-03T09:00:00+08:00',
      city: 'Hangzhou',
      category: 'slow_data',
      technology: 'LTE',
    },
  ];
  await ingestFile(api.db, { kind: 'complaints', source: { records: june, name: 'kpi-june' } });
});
afterAll(async () => api?.stop());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${api.url}${path}`, { headers });

const HANGZHOU_JUNE = kpiRow('Hangzhou', '2024-06', {
  complaints: 2,
  due: 1,
  pending: 1,
  on_time: 1,
  on_time_rate: 1,
  limit_passed: 1,
  resolved: 1,
  resolution_ratio: 1,
  compliant: 1,
  commitment_compliance: 1,
  surveyed: 1,
  satisfied: 1,
  satisfaction_rate: 1,
});
// K-2's 24 h limit ends exactly at the newest complaint (K-3): passed, so late.
const NINGBO_JUNE = kpiRow('Ningbo', '2024-06', {
  complaints: 1,
  due: 1,
  on_time_rate: 0,
  limit_passed: 1,
  resolution_ratio: 0,
  commitment_compliance: 0,
});

describe('GET /v1/kpis', () => {
  it('answers JSON rows per city and month', async () => {
    const response = await get('/v1/kpis?month=2024-06');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([HANGZHOU_JUNE, NINGBO_JUNE]);
    const all = (await (await get('/v1/kpis')).json()) as {
      city: string;
      month: string;
      due: number;
      on_time: number;
    }[];
    expect(all.map((r) => [r.month, r.city, r.due, r.on_time])).toEqual([
      ['2024-05', 'Hangzhou', 4, 0],
      ['2024-05', 'Ningbo', 2, 0],
      ['2024-06', 'Hangzhou', 1, 1],
      ['2024-06', 'Ningbo', 1, 0],
    ]);
  });

  it('adds province totals, filters by city and takes as_of and limits', async () => {
    const totals = (await (await get('/v1/kpis?month=2024-06&totals=true')).json()) as Record<string, unknown>[];
    expect(totals.at(-1)).toMatchObject({
      city: 'ALL',
      complaints: 3,
      due: 2,
      pending: 1,
      on_time: 1,
      on_time_rate: 0.5,
      satisfaction_rate: 1,
    });
    expect(await (await get('/v1/kpis?month=2024-06&city=Ningbo')).json()).toEqual([NINGBO_JUNE]);
    const early = (await (
      await get('/v1/kpis?month=2024-06&city=Ningbo&as_of=2024-06-03T08:59:59%2B08:00')
    ).json()) as Record<string, unknown>[];
    expect(early).toMatchObject([{ due: 0, pending: 1, on_time_rate: null }]);
    const strict = (await (await get('/v1/kpis?month=2024-06&city=Hangzhou&reply_limit_h=0.5')).json()) as Record<
      string,
      unknown
    >[];
    expect(strict).toMatchObject([{ on_time: 0, compliant: 0 }]);
  });

  it('answers CSV with the row schema as header', async () => {
    const response = await get('/v1/kpis?month=2024-06', { accept: 'text/csv' });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(Object.keys(KpiRow.shape).join(','));
    expect(lines.slice(1)).toEqual([
      'Hangzhou,2024-06,2,1,1,1,1,1,1,1,1,1,1,1,1,0,0,',
      'Ningbo,2024-06,1,1,0,0,0,1,0,0,0,0,0,0,,0,0,',
    ]);
  });

  it('answers Arrow that reads back with nullable rates', async () => {
    const response = await get('/v1/kpis?month=2024-06&format=arrow');
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(KpiRow.shape));
    expect(table.numRows).toBe(2);
    expect([...table.getChild('city')!]).toEqual(['Hangzhou', 'Ningbo']);
    expect([...table.getChild('due')!]).toEqual([1, 1]);
    expect([...table.getChild('satisfaction_rate')!]).toEqual([1, null]);
    const empty = tableFromIPC(new Uint8Array(await (await get('/v1/kpis?city=Nowhere&format=arrow')).arrayBuffer()));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields).toHaveLength(Object.keys(KpiRow.shape).length);
  });

  it('answers 400 with { code, message } on a bad month, range or limit', async () => {
    await expectBadQueries(api, '/v1/kpis', [
      'month=2024-13',
      'month=June',
      'from_month=2024-07&to_month=2024-06',
      'month=2024-06&from_month=2024-05',
      'reply_limit_h=0',
      'as_of=soon',
      'totals=yes',
    ]);
  });

  it('recomputes after an ingest changes the data version', async () => {
    const before = (await (await get('/v1/kpis?month=2024-06&city=Ningbo')).json()) as { complaints: number }[];
    await ingestFile(api.db, {
      kind: 'complaints',
      source: {
        records: [
          {
            complaint_id: 'K-4',
            received_at: '2024-06-02T12:00:00+08:00',
            city: 'Ningbo',
            category: 'other',
            technology: 'GSM',
          },
        ],
        name: 'kpi-more',
      },
    });
    const after = (await (await get('/v1/kpis?month=2024-06&city=Ningbo')).json()) as {
      complaints: number;
      pending: number;
    }[];
    expect([before[0]!.complaints, after[0]!.complaints, after[0]!.pending]).toEqual([1, 2, 1]);
  });
});
