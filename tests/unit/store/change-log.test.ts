import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_TIME, ChangeLog, overlaps, type TimeSpan } from '../../../store/change-log.js';

/** A span from two numbers, either order; null stays null (a write that changed nothing dated). */
const spanArb = fc.oneof(
  fc.constant(null),
  fc.constant(ALL_TIME),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => ({
    from: Math.min(a, b),
    to: Math.max(a, b),
  })),
);
const readArb = fc.option(
  fc
    .tuple(fc.integer({ min: -5, max: 105 }), fc.integer({ min: -5, max: 105 }))
    .map(([a, b]): TimeSpan => ({ from: Math.min(a, b), to: Math.max(a, b) })),
  { nil: undefined },
);

/** The brute-force twin: every write remembered, the last one that changed something in `span`. */
function lastChange(start: number, writes: readonly (TimeSpan | null)[], span: TimeSpan | undefined): number {
  for (let i = writes.length - 1; i >= 0; i -= 1) {
    const changed = writes[i]!;
    if (span === undefined || (changed !== null && overlaps(changed, span))) return start + i + 1;
  }
  return start;
}

describe('ChangeLog', () => {
  it('tags a span with the last write that changed it, as a log of every write would', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 40 }), readArb, (writes, read) => {
        const log = new ChangeLog(7, 1000);
        writes.forEach((span, i) => log.record(7 + i + 1, span));
        expect(log.lastChangeIn(read)).toBe(lastChange(7, writes, read));
      }),
    );
  });

  it('once bounded, is never older than the truth (a forgotten write counts as changing everything)', () => {
    fc.assert(
      fc.property(
        fc.array(spanArb, { maxLength: 40 }),
        readArb,
        fc.integer({ min: 1, max: 8 }),
        (writes, read, cap) => {
          const log = new ChangeLog(7, cap);
          writes.forEach((span, i) => log.record(7 + i + 1, span));
          const truth = lastChange(7, writes, read);
          const tag = log.lastChangeIn(read);
          expect(tag).toBeGreaterThanOrEqual(truth);
          // Exact whenever the write that decides it is still held.
          if (truth > 7 + writes.length - cap) expect(tag).toBe(truth);
        },
      ),
    );
  });
});
