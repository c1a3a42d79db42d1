import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { studyStart, type ScanInput } from '../../../../analytics/scan/scan-problem.js';
import { ScanWorkers } from '../../../../analytics/scan/scan-workers.js';
import { spaceTimeScan } from '../../../../analytics/scan/space-time-scan.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

const AT = Date.UTC(2026, 9, 20, 12);
const HEXES = gridDisk(latLngToCell(45.75, 126.63, 8), 2).sort();

/** Null data: locations and times drawn independently, so any space-time interaction is chance. */
function nullData(seed: number, size: number): ScanInput {
  const next = seededRandom(seed);
  const from = studyStart(AT);
  const hex = Int32Array.from({ length: size }, () => Math.floor(next() * HEXES.length));
  // A third of the times in the last day so that every window has complaints to scan.
  const t = Float64Array.from({ length: size }, () =>
    next() < 0.33 ? AT - next() * 86_400_000 : from + 1 + next() * (AT - from - 1),
  );
  return { hexes: HEXES, hex, t, at: AT };
}

describe('space-time scan calibration', () => {
  it('finds a most likely cluster at p <= 0.05 in 5 % (± 3 %) of null analyses', async () => {
    const workers = ScanWorkers.create(0);
    const analyses = 500;
    let significant = 0;
    for (let a = 0; a < analyses; a += 1) {
      const result = await spaceTimeScan(nullData(7919 * a + 1, 200), [], {
        replicates: 99,
        seed: a,
        analysesPerDay: 24,
        workers,
        maxP: 1,
        limit: 1,
      });
      if (result.mostLikely.p_value <= 0.05) significant += 1;
    }
    const share = significant / analyses;
    console.info(`calibration: ${significant}/${analyses} null analyses at p <= 0.05 (share ${share.toFixed(3)})`);
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.08);
  });
});
