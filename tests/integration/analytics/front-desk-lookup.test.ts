import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontDeskLookup } from '../../../analytics/lookup/front-desk-lookup.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { callDropBurst } from '../../helpers/ingest-rows.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

/** Four places a few km apart around Harbin, each with one known problem. */
const OUTAGE = { lat: 45.75, lon: 126.65 };
const BURST = { lat: 45.8, lon: 126.55 };
const WEAK = { lat: 45.7, lon: 126.75 };
const PLANNED = { lat: 45.85, lon: 126.8 };
const REMOTE = { lat: 46.3, lon: 127.5 };

let tmp: TmpDb;
beforeAll(async () => {
  tmp = await openTmpDb(undefined, 'cellpulse-lookup-');
  const db = tmp.db;
  await ingestFile(db, {
    kind: 'sites',
    source: {
      name: 'sites',
      records: [
        {
          cell_id: 'HRB-1',
          site_id: 'S1',
          city: 'Harbin',
          technology: 'LTE',
          lat: OUTAGE.lat,
          lon: OUTAGE.lon,
          status: 'active',
        },
        {
          cell_id: 'HRB-P',
          site_id: 'S9',
          city: 'Harbin',
          technology: 'NR',
          lat: PLANNED.lat + 0.002,
          lon: PLANNED.lon,
          status: 'planned',
        },
      ],
    },
  });
  await ingestFile(db, {
    kind: 'events',
    source: {
      name: 'events',
      records: [
        {
          event_id: 'E-OUT',
          cell_id: 'HRB-1',
          radius_m: 1500,
          kind: 'outage',
          starts_at: '2026-10-05T08:00:00+08:00',
          ends_at: '2026-10-05T12:00:00+08:00',
          note: 'power failure',
        },
        {
          event_id: 'E-NOI',
          lat: REMOTE.lat,
          lon: REMOTE.lon,
          radius_m: 5000,
          kind: 'no_investment',
          starts_at: '2026-01-01T00:00:00+08:00',
        },
      ],
    },
  });
  const burst = callDropBurst('B', '2026-10-05', 'Harbin', () => BURST);
  const weak = [1, 3, 4].map((day, i) => ({
    complaint_id: `W-${i}`,
    received_at: `2026-10-0${day}T20:00:00+08:00`,
    city: 'Harbin',
    category: i === 1 ? 'no_signal' : 'weak_coverage',
    technology: 'LTE',
    lat: WEAK.lat,
    lon: WEAK.lon,
  }));
  await ingestFile(db, { kind: 'complaints', source: { name: 'complaints', records: [...burst, ...weak] } });
});
afterAll(async () => tmp.cleanup());

describe('front-desk look-up', () => {
  it('names an outage in force near the point and answers about it in Chinese and English', async () => {
    const found = await frontDeskLookup(tmp.db, { ...OUTAGE, at: '2026-10-05T09:00:00+08:00' });
    expect(found.events.map((e) => [e.event_id, e.covers_point])).toEqual([['E-OUT', true]]);
    expect(found.answer.reason).toBe('outage');
    expect(found.answer.zh).toContain('基站故障');
    expect(found.answer.en).toContain('2026-10-05T04:00:00Z');
    const later = await frontDeskLookup(tmp.db, { ...OUTAGE, at: '2026-10-05 12:00:00' });
    expect(later.events).toEqual([]);
    const before = await frontDeskLookup(tmp.db, { ...OUTAGE, at: '2026-10-05T07:59:00+08:00' });
    expect(before.events).toEqual([]);
  });

  it('finds the major-complaint incident in the hour after its last complaint, and not later', async () => {
    const during = await frontDeskLookup(tmp.db, { ...BURST, at: '2026-10-05T10:40:00+08:00', radiusKm: 1 });
    expect(during.incidents).toHaveLength(1);
    expect(during.incidents[0]!.complaint_ids).toHaveLength(6);
    expect(during.answer.reason).toBe('incident');
    expect(during.answer.zh).toContain('重要投诉');
    const after = await frontDeskLookup(tmp.db, { ...BURST, at: '2026-10-05T11:26:00+08:00', radiusKm: 1 });
    expect(after.incidents).toEqual([]);
  });

  it('knows a weak-coverage hexagon from three coverage complaints, but not from two', async () => {
    const found = await frontDeskLookup(tmp.db, { ...WEAK, at: '2026-10-06T09:00:00+08:00' });
    expect(found.weak_coverage).toMatchObject({
      h3: latLngToCell(WEAK.lat, WEAK.lon, 8),
      complaints: 3,
      distinct_days: 3,
    });
    expect(found.answer.reason).toBe('weak_coverage');
    const early = await frontDeskLookup(tmp.db, { ...WEAK, at: '2026-10-03T23:00:00+08:00' });
    expect(early.weak_coverage).toBeNull();
    const neighbour = gridDisk(latLngToCell(WEAK.lat, WEAK.lon, 8), 2).find(
      (h) => h !== latLngToCell(WEAK.lat, WEAK.lon, 8),
    )!;
    const [lat, lon] = cellToLatLng(neighbour);
    expect((await frontDeskLookup(tmp.db, { lat, lon, at: '2026-10-06T09:00:00+08:00' })).weak_coverage).toBeNull();
  });

  it('marks planned construction and no-investment areas', async () => {
    const planned = await frontDeskLookup(tmp.db, { ...PLANNED, at: '2026-10-06T09:00:00+08:00', radiusKm: 1 });
    expect(planned.planned_sites.map((s) => s.cell_id)).toEqual(['HRB-P']);
    expect(planned.answer.reason).toBe('planned_construction');
    const north = (deg: number) =>
      frontDeskLookup(tmp.db, { lat: REMOTE.lat + deg, lon: REMOTE.lon, at: '2026-10-06T09:00:00+08:00' });
    const remote = await north(0.02);
    expect(remote.no_investment).toBe(true);
    expect(remote.answer.reason).toBe('no_investment');
    const outside = await north(0.1);
    expect(outside.no_investment).toBe(false);
    expect(outside.answer.reason).toBe('none');
  });

  it('locates by serving cell, and refuses an unknown cell or a missing point', async () => {
    const byCell = await frontDeskLookup(tmp.db, { cellId: 'HRB-1', at: '2026-10-05T09:00:00+08:00' });
    expect(byCell.point).toMatchObject({ located_by: 'cell', lat: OUTAGE.lat, lon: OUTAGE.lon });
    await expect(frontDeskLookup(tmp.db, { cellId: 'NOPE' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(frontDeskLookup(tmp.db, {})).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(frontDeskLookup(tmp.db, { ...OUTAGE, at: 'yesterday' })).rejects.toMatchObject({
      code: 'invalid_parameter',
    });
  });
});
