import { gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { getisOrdGiStar } from '../../../../analytics/coverage/getis-ord.js';
import { hotSpotClass } from '../../../../analytics/coverage/hot-spot-class.js';
import { mannKendall, type MannKendall } from '../../../../analytics/coverage/mann-kendall.js';
import { twoSidedP } from '../../../../analytics/coverage/two-sided-p.js';

describe('Getis-Ord Gi*', () => {
  it('equals a hand computation on a 7-hexagon disk', () => {
    // Centre 8 complaints, each ring hexagon 2. n = 7, Σx = 20, Σx² = 88, X̄ = 20/7,
    // S² = 88/7 − (20/7)² = 216/49.
    // A ring hexagon weighs itself, the centre and its two ring neighbours: w = 4, Σwx = 8 + 3 × 2 = 14.
    // Gi* = (14 − 4 × 20/7) / (S √((7 × 4 − 16) / 6)) = (18/7) / ((√216 / 7) √2) = 18 / √432 = √3 / 2.
    // The centre weighs all seven: Σwx = 20 = X̄ × 7, so Gi* = 0.
    const centre = latLngToCell(45.75, 126.63, 8);
    const hexes = gridDisk(centre, 1);
    const x = Float64Array.from(hexes, (h) => (h === centre ? 8 : 2));
    const neighbours = hexes.map((h) => Int32Array.from(hexes.flatMap((o, j) => (gridDistance(h, o) <= 1 ? [j] : []))));
    const z = getisOrdGiStar(x, neighbours);
    hexes.forEach((h, i) => expect(z[i]).toBeCloseTo(h === centre ? 0 : Math.sqrt(3) / 2, 12));
  });

  it('gives z = 0 in a week where every hexagon has the same count', () => {
    const z = getisOrdGiStar(Float64Array.of(3, 3, 3), [
      Int32Array.of(0, 1),
      Int32Array.of(0, 1, 2),
      Int32Array.of(1, 2),
    ]);
    expect(Array.from(z)).toEqual([0, 0, 0]);
  });
});

describe('Mann-Kendall', () => {
  it('matches the worked example without ties: 1..5 rising', () => {
    // S = 10 (all 10 pairs rise); Var = 5·4·15/18 = 50/3; z = (10 − 1)/√(50/3) = 2.2045; p = 0.0275.
    const mk = mannKendall([1, 2, 3, 4, 5]);
    expect(mk.s).toBe(10);
    expect(mk.variance).toBeCloseTo(50 / 3, 12);
    expect(mk.z).toBeCloseTo(2.20454, 4);
    expect(mk.p).toBeCloseTo(0.02749, 4);
  });

  it('corrects the variance for ties', () => {
    // [5, 5, 6, 7]: S = 5 (the tied pair counts 0); Var = (4·3·13 − 2·1·9)/18 = 138/18;
    // z = 4/√(138/18) = 1.4446; p = 0.1486.
    const mk = mannKendall([5, 5, 6, 7]);
    expect(mk.s).toBe(5);
    expect(mk.variance).toBeCloseTo(138 / 18, 12);
    expect(mk.z).toBeCloseTo(1.44463, 4);
    expect(mk.p).toBeCloseTo(0.14857, 4);
  });

  it('reads the normal tail to 1e-6', () => {
    expect(twoSidedP(1.959963985)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-2.575829304)).toBeCloseTo(0.01, 6);
  });
});

const HOT = 3;
const COLD = -3;
const QUIET = 0;
const FLAT: MannKendall = { s: 0, variance: 1, z: 0, p: 1 };
const RISING: MannKendall = { s: 40, variance: 100, z: 3.9, p: 0.0001 };
const FALLING: MannKendall = { s: -40, variance: 100, z: -3.9, p: 0.0001 };

function classOf(zs: number[], trend: MannKendall = FLAT): string {
  return hotSpotClass(zs, zs.map(twoSidedP), trend);
}

describe('emerging hot spot classes', () => {
  const twelve = (fill: number): number[] => Array.from({ length: 12 }, () => fill);
  it.each([
    ['new', [...twelve(QUIET).slice(1), HOT], FLAT],
    ['consecutive', [...twelve(QUIET).slice(3), HOT, HOT, HOT], FLAT],
    ['intensifying', twelve(HOT), RISING],
    ['persistent', [QUIET, ...twelve(HOT).slice(1)], FLAT],
    ['diminishing', twelve(HOT), FALLING],
    ['sporadic', [QUIET, HOT, QUIET, QUIET, HOT, QUIET, QUIET, QUIET, HOT, QUIET, QUIET, HOT], FLAT],
    ['oscillating', [COLD, HOT, QUIET, COLD, QUIET, QUIET, HOT, QUIET, QUIET, QUIET, COLD, HOT], FLAT],
    ['historical', [...twelve(HOT).slice(1), QUIET], FLAT],
    ['none', twelve(QUIET), FLAT],
    ['none', [...twelve(QUIET).slice(1), COLD], FLAT],
  ])('%s', (expected, zs, trend) => {
    expect(classOf(zs as number[], trend as MannKendall)).toBe(expected);
  });

  it('needs the final week for persistent: hot 11 of 12 but not in the last one is historical', () => {
    expect(classOf([...twelve(HOT).slice(1), QUIET], RISING)).toBe('historical');
  });
});
