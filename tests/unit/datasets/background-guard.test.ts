import fc from 'fast-check';
import { gridDisk, gridDistance, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { detectClusters } from '../../../analytics/clusters/reference/enumeration-detector.js';
import type { Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { BackgroundGuard, type ExclusionZone } from '../../../datasets/generator/background-guard.js';

const ROOT = latLngToCell(45.75, 126.65, 8);
const T0 = Date.UTC(2026, 9, 1, 2);
const MIN = 60_000;

/** Offers complaints in order, records the allowed ones; returns which were allowed. */
function offer(guard: BackgroundGuard, items: readonly { category: Category; hex: string; t: number }[]): boolean[] {
  return items.map(({ category, hex, t }) => {
    const ok = guard.allows(category, hex, t);
    if (ok) guard.record(category, hex, t);
    return ok;
  });
}

describe('BackgroundGuard', () => {
  it('allows four earlier same-category complaints within distance 2, refuses the one that would see a fifth', () => {
    const near = gridRing(ROOT, 2);
    // Five earlier ones on the ring at distance 2, then one in the middle that sees all five.
    const items = [0, 1, 2, 3, 4, 5].map((i) => ({
      category: 'call_drop' as const,
      hex: i === 5 ? ROOT : near[i * 2]!,
      t: T0 + i * 10 * MIN,
    }));
    expect(offer(new BackgroundGuard(), items)).toEqual([true, true, true, true, true, false]);
  });

  it('counts complaints exactly 60 minutes earlier, forgets them 1 ms later', () => {
    const guard = new BackgroundGuard();
    offer(
      guard,
      [0, 1, 2, 3, 4].map(() => ({ category: 'other' as const, hex: ROOT, t: T0 })),
    );
    expect(guard.allows('other', ROOT, T0 + 60 * MIN)).toBe(false);
    expect(guard.allows('other', ROOT, T0 + 60 * MIN + 1)).toBe(true);
    expect(guard.size).toBe(0);
  });

  it('ignores other categories and hexagons at grid distance 3', () => {
    const guard = new BackgroundGuard();
    const far = gridRing(ROOT, 3)[0]!;
    offer(
      guard,
      [0, 1, 2, 3, 4].map((i) => ({ category: 'slow_data' as const, hex: far, t: T0 + i })),
    );
    expect(guard.allows('slow_data', ROOT, T0 + 10)).toBe(true);
    offer(
      guard,
      [0, 1, 2, 3, 4].map((i) => ({ category: 'no_signal' as const, hex: ROOT, t: T0 + 20 + i })),
    );
    expect(guard.allows('slow_data', ROOT, T0 + 30)).toBe(true);
    expect(guard.allows('no_signal', ROOT, T0 + 30)).toBe(false);
  });

  it('keeps a category out of an exclusion zone during its time only', () => {
    const zone: ExclusionZone = {
      categories: new Set<Category>(['weak_coverage']),
      from: T0,
      to: T0 + 60 * MIN,
      hexes: new Set(gridDisk(ROOT, 4)),
    };
    const guard = new BackgroundGuard([zone]);
    const edge = gridRing(ROOT, 4)[0]!;
    expect(guard.allows('weak_coverage', ROOT, T0 - 1)).toBe(true);
    expect(guard.allows('weak_coverage', edge, T0)).toBe(false);
    expect(guard.allows('call_drop', edge, T0 + 1)).toBe(true);
    expect(guard.allows('weak_coverage', gridRing(ROOT, 5)[0]!, T0 + 2)).toBe(true);
    expect(guard.allows('weak_coverage', ROOT, T0 + 60 * MIN + 1)).toBe(true);
  });

  it('whatever it is offered, what it allows never forms a qualifying group (SPEC §3), and keeps its own rule', () => {
    const area = gridDisk(ROOT, 3);
    const item = fc.record({
      hex: fc.integer({ min: 0, max: area.length - 1 }),
      dt: fc.integer({ min: 0, max: 8 * MIN }),
      category: fc.constantFrom<Category>('weak_coverage', 'no_signal'),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 150 }), (raw) => {
        let t = T0;
        const items = raw.map((r) => {
          t += r.dt;
          return { category: r.category, hex: area[r.hex]!, t };
        });
        return checkAccepted(items);
      }),
      { numRuns: 150 },
    );
  });
});

/** Runs the guard over `items`, then checks its output with the detector and a brute-force recount of the rule. */
function checkAccepted(items: readonly { category: Category; hex: string; t: number }[]): boolean {
  const guard = new BackgroundGuard();
  const flags = offer(guard, items);
  const accepted = items.filter((_, i) => flags[i]);
  // The first five can never see more than four earlier ones.
  expect(accepted.length).toBeGreaterThanOrEqual(Math.min(5, items.length));
  const complaints: ClusterComplaint[] = accepted.map((a, i) => ({
    complaint_id: `c${i}`,
    category: a.category,
    h3: a.hex,
    t: a.t,
    city: 'X',
    lat: 0,
    lon: 0,
  }));
  expect(detectClusters(complaints).flagged.size).toBe(0);
  accepted.forEach((x, i) => {
    const earlier = accepted
      .slice(0, i)
      .filter((y) => y.category === x.category && y.t >= x.t - 60 * MIN && gridDistance(x.hex, y.hex) <= 2);
    expect(earlier.length).toBeLessThanOrEqual(4);
  });
  return true;
}
