import { describe, expect, it } from 'vitest';
import { periodOf, periodRange, shiftPeriod } from '../../../../analytics/rates/periods.js';

describe('rate periods', () => {
  it('labels a week by its Monday, also across a month and a year end', () => {
    expect(periodOf('2026-11-01', 'week')).toBe('2026-10-26');
    expect(periodOf('2026-10-26', 'week')).toBe('2026-10-26');
    expect(periodOf('2027-01-01', 'week')).toBe('2026-12-28');
  });

  it('shifts months across a year boundary in both directions', () => {
    expect(shiftPeriod('2026-12', 'month', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', 'month', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-03', 'month', -14)).toBe('2025-01');
  });

  it('lists every period of a range, both ends included', () => {
    expect(periodRange('2026-11', '2027-02', 'month')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodRange('2024-02-27', '2024-03-01', 'day')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(periodRange('2026-10-26', '2026-11-09', 'week')).toEqual(['2026-10-26', '2026-11-02', '2026-11-09']);
  });
});
