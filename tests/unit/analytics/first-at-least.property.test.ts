import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAtLeast } from '../../../analytics/first-at-least.js';

describe('firstAtLeast', () => {
  it('equals the first index a linear scan finds, on sorted plain and typed arrays (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (values, probe) => {
        const sorted = [...values].sort((a, b) => a - b);
        const linear = sorted.findIndex((x) => x >= probe);
        const expected = linear < 0 ? sorted.length : linear;
        expect(firstAtLeast(sorted, probe)).toBe(expected);
        expect(firstAtLeast(Int32Array.from(sorted), probe)).toBe(expected);
        expect(firstAtLeast(Float64Array.from(sorted), probe - 0.5)).toBe(sorted.filter((x) => x < probe - 0.5).length);
      }),
    );
  });
});
