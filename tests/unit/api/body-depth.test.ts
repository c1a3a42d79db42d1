import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDeeperThan } from '../../../api/plugins/app/body-depth.js';

/** The brute-force twin: nesting depth by plain recursion (fine for the small values generated here). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('isDeeperThan', () => {
  it('property: agrees with a recursive depth count for any JSON value and limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        expect(isDeeperThan(value, limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 500 },
    );
  });

  it('walks a 1,000,000-deep array without recursion', () => {
    let value: unknown = 1;
    for (let i = 0; i < 1_000_000; i += 1) value = [value];
    expect(isDeeperThan(value, 32)).toBe(true);
    expect(isDeeperThan([[{ a: [1] }]], 4)).toBe(false);
    expect(isDeeperThan([[{ a: [1] }]], 3)).toBe(true);
  });
});
