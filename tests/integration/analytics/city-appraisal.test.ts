import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAppraisalTargets } from '../../../analytics/appraisal/appraisal-targets.js';
import { cityAppraisal } from '../../../analytics/appraisal/city-appraisal.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

/**
 * Three cities in October 2026. A: at its weighted target, everything compliant. B: at twice its
 * target (8 per 8,000 LTE subscribers), compliance 6/8, exactly 20 points below 0.95. C: no subscribers.
 * Weighted targets (defaults LTE 5, GSM 2): A 10,000 LTE + 10,000 GSM → 3.5 per 10k.
 */
const SUBSCRIBERS = [
  { city: 'A', technology: 'LTE', month: '2026-10', subscribers: 10000 },
  { city: 'A', technology: 'GSM', month: '2026-10', subscribers: 10000 },
  { city: 'B', technology: 'LTE', month: '2026-10', subscribers: 8000 },
];
type Spec = { city: string; n: number; compliant: number };
const SPECS: Spec[] = [
  { city: 'A', n: 7, compliant: 7 },
  { city: 'B', n: 8, compliant: 6 },
  { city: 'C', n: 2, compliant: 2 },
];

function complaints(): Record<string, unknown>[] {
  return SPECS.flatMap(({ city, n, compliant }) =>
    Array.from({ length: n }, (_, i) => {
      const at = Date.parse(`2026-10-0${1 + (i % 9)}T09:00:00+08:00`) + i * 60_000;
      const ok = i < compliant;
      return {
        complaint_id: `${city}-${i}`,
        received_at: new Date(at).toISOString(),
        city,
        category: 'other',
        technology: 'LTE',
        replied_at: new Date(at + 3_600_000).toISOString(),
        resolved_at: new Date(at + 7_200_000).toISOString(),
        resolution: ok ? 'optimisation' : 'unresolved',
      };
    }),
  );
}

let tmp: TmpDb;
beforeAll(async () => {
  tmp = await openTmpDb(undefined, 'cellpulse-appraisal-');
  await ingestFile(tmp.db, { kind: 'subscribers', source: { name: 'subs', records: SUBSCRIBERS } });
  // A last complaint a month later makes every October complaint due.
  await ingestFile(tmp.db, {
    kind: 'complaints',
    source: {
      name: 'c',
      records: [
        ...complaints(),
        {
          complaint_id: 'LATE',
          received_at: '2026-11-20T09:00:00+08:00',
          city: 'A',
          category: 'other',
          technology: 'LTE',
        },
      ],
    },
  });
  await writeAppraisalTargets(tmp.db, { compliance: 0.95 });
});
afterAll(async () => tmp.cleanup());

describe('city appraisal (SPEC §11)', () => {
  it('scores a city at its target in full and one at twice its target, 20 points below, with nothing', async () => {
    const rows = await cityAppraisal(tmp.db, '2026-10');
    const byCity = new Map(rows.map((r) => [r.city, r]));
    expect(byCity.get('A')).toMatchObject({
      rate: 3.5,
      rate_target: 3.5,
      rate_points: 4,
      compliance: 1,
      compliance_points: 5,
      total: 9,
      rank: 1,
      warning: null,
    });
    expect(byCity.get('B')).toMatchObject({
      rate: 10,
      rate_target: 5,
      rate_points: 0,
      compliance: 0.75,
      compliance_target: 0.95,
      compliance_points: 0,
      total: 0,
      rank: 2,
    });
    expect(byCity.get('C')).toMatchObject({
      complaints: 2,
      rate: null,
      rate_points: null,
      compliance_points: 5,
      total: null,
      rank: null,
    });
    expect(byCity.get('C')?.warning).toContain('no subscriber count');
    expect(rows.map((r) => r.city)).toEqual(['A', 'B', 'C']);
  });

  it('agrees with a hand loop over the inputs', async () => {
    const rows = await cityAppraisal(tmp.db, '2026-10');
    for (const { city, n, compliant } of SPECS) {
      const subs = SUBSCRIBERS.filter((s) => s.city === city);
      const total = subs.reduce((sum, s) => sum + s.subscribers, 0);
      const target =
        total === 0 ? null : subs.reduce((sum, s) => sum + s.subscribers * (s.technology === 'GSM' ? 2 : 5), 0) / total;
      const rate = total === 0 ? null : (n / total) * 10_000;
      const ratePts =
        rate === null || target === null ? null : Math.max(0, Math.min(4, (4 * (2 * target - rate)) / target));
      const compliance = compliant / n;
      const compliancePts = Math.max(0, Math.min(5, 5 * (1 - Math.max(0, 0.95 - compliance) / 0.2)));
      const row = rows.find((r) => r.city === city)!;
      expect(row.rate).toBe(rate);
      if (ratePts === null) expect(row.rate_points).toBeNull();
      else expect(row.rate_points).toBeCloseTo(ratePts, 9);
      expect(row.compliance).toBe(compliance);
      expect(row.compliance_points).toBeCloseTo(compliancePts, 9);
    }
  });
});
