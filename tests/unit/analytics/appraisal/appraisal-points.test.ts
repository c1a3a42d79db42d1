import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compliancePoints, ratePoints } from '../../../../analytics/appraisal/appraisal-points.js';

describe('appraisal points (SPEC §11)', () => {
  it('gives full rate points at or below the target, none from twice the target, linear between', () => {
    expect([
      ratePoints(0, 4),
      ratePoints(4, 4),
      ratePoints(6, 4),
      ratePoints(7, 4),
      ratePoints(8, 4),
      ratePoints(9, 4),
    ]).toEqual([4, 4, 2, 1, 0, 0]);
    // A target reached through float arithmetic still counts as reached.
    expect(ratePoints(0.1 + 0.2, 0.3)).toBe(4);
    expect(ratePoints(2 * (0.1 + 0.2), 0.3)).toBe(0);
    expect([ratePoints(0, 0), ratePoints(0.5, 0)]).toEqual([4, 0]);
  });

  it('gives full compliance points at or above the target, none from twenty points below, linear between', () => {
    expect(compliancePoints(0.9345, 0.9345)).toBe(5);
    expect(compliancePoints(1, 0.9345)).toBe(5);
    expect(compliancePoints(0.9345 - 0.2, 0.9345)).toBe(0);
    expect(compliancePoints(0.75, 0.95)).toBe(0);
    expect(compliancePoints(0.85, 0.95)).toBeCloseTo(2.5, 12);
    expect(compliancePoints(0.1, 0.9345)).toBe(0);
  });

  it('matches the plain formulas inside the slopes, never rounded', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 1.001, max: 1.999, noNaN: true }),
        (target, k) => {
          expect(ratePoints(target * k, target)).toBeCloseTo(4 * (2 - k), 9);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.199, noNaN: true }),
        (target, gap) => {
          expect(compliancePoints(target - gap, target)).toBeCloseTo(5 * (1 - gap / 0.2), 9);
        },
      ),
    );
  });
});
