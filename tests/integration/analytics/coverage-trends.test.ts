import { join } from 'node:path';
import { gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageTrends } from '../../../analytics/coverage/coverage-trends.js';
import { siteCandidates } from '../../../analytics/coverage/site-candidates.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { complaintInHex, ingestPath } from '../../helpers/ingest-rows.js';
import { runCli } from '../../helpers/run-cli.js';
import { writeCsv, type FixtureRow } from '../../helpers/write-fixture.js';

const DAY = 86_400_000;
const TO = Date.parse('2026-10-31T12:00:00Z');
const CENTRE = latLngToCell(45.75, 126.63, 8);
const AREA = gridDisk(CENTRE, 4);
const EMERGING = gridDisk(CENTRE, 4).find((h) => h !== CENTRE && gridDisk(h, 1).every((n) => AREA.includes(n)))!;

function rows(): FixtureRow[] {
  const out: FixtureRow[] = [];
  let id = 0;
  const add = (h3: string, t: number, category = 'weak_coverage'): void => {
    id += 1;
    out.push(complaintInHex(`W-${id}`, h3, t, { category }));
  };
  for (let week = 0; week < 12; week += 1) {
    const end = TO - (11 - week) * 7 * DAY;
    // One coverage complaint a week in every hexagon of the area, a day apart from the week's end.
    AREA.forEach((h3, i) => add(h3, end - DAY - (i % 5) * 3_600_000, i % 2 === 0 ? 'no_signal' : 'weak_coverage'));
    // The emerging hexagon: 20 more in each of the last three weeks.
    if (week >= 9) for (let k = 0; k < 20; k += 1) add(EMERGING, end - 2 * DAY - k * 60_000);
    // Complaints of other categories never count.
    add(CENTRE, end - DAY, 'call_drop');
  }
  return out;
}

describe('emerging hot spots on stored complaints', () => {
  let tmp: TmpDb;
  beforeAll(async () => {
    tmp = await openTmpDb();
    await ingestPath(tmp.db, 'complaints', writeCsv(join(tmp.dir, 'complaints.csv'), rows()));
  });
  afterAll(() => tmp.cleanup());

  it('classes a hexagon hot in the last three weeks only as consecutive, a flat one as none', async () => {
    const trends = await coverageTrends(tmp.db, { weeks: 12 });
    expect(trends).toHaveLength(AREA.length);
    const emerging = trends.find((t) => t.h3 === EMERGING)!;
    expect(emerging).toMatchObject({ class: 'consecutive', complaints: 72, hot_weeks: 3, cold_weeks: 0 });
    expect(emerging.z_scores).toHaveLength(12);
    expect(emerging.final_p).toBeLessThanOrEqual(0.05);
    const far = trends.find((t) => !gridDisk(EMERGING, 2).includes(t.h3))!;
    expect(far.class).toBe('none');
    expect(trends[0]!.class).not.toBe('none');
  });

  it('ends the last week at --to: moving it back three weeks leaves no hot spot', async () => {
    const earlier = await coverageTrends(tmp.db, { weeks: 8, to: new Date(TO - 21 * DAY).toISOString() });
    expect(earlier.every((t) => t.class === 'none')).toBe(true);
  });

  it('gives site candidates the classes of their hexagons, persistent and intensifying regions first', async () => {
    const candidates = await siteCandidates(tmp.db, { minComplaints: 20 });
    expect(candidates.length).toBeGreaterThan(0);
    const region = candidates.find((c) => c.hexes.includes(EMERGING))!;
    expect(region.hot_spot_classes[EMERGING]).toBe('consecutive');
  });

  it('prints the same rows through cellpulse coverage --trend', async () => {
    await tmp.reopen();
    const db = tmp.db;
    await db.close();
    const result = await runCli(['coverage', '--trend', '--weeks', '12', '--db', tmp.path, '--format', 'json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.find((t: { h3: string }) => t.h3 === EMERGING).class).toBe('consecutive');
    const csv = await runCli(['coverage', '--trend', '--db', tmp.path, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'h3,class,complaints,hot_weeks,cold_weeks,final_z,final_p,trend_s,trend_variance,trend_z,trend_p,z_scores',
    );
    await tmp.reopen();
  });
});
