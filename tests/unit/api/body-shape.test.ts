import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyProblem } from '../../../api/plugins/app/body-shape.js';

/** The brute-force twin: nesting depth by plain recursion (fine for the small values generated here). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** The twin of the surrogate rule: the language's own well-formedness check (ES2024). */
const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

describe('bodyProblem', () => {
  it('property: too_deep exactly when a recursive depth count passes the limit (text without surrogates)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        expect(bodyProblem(value, limit)).toBe(depthOf(value) > limit ? 'too_deep' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('property: lone_surrogate exactly when a value or a key is not well-formed UTF-16', () => {
    const text = fc.string({ unit: 'binary', maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 4 }), (pairs) => {
        const body = [Object.fromEntries(pairs)];
        const bad = Object.entries(body[0]!).some(([k, v]) => !wellFormed(k) || !wellFormed(v as string));
        expect(bodyProblem(body, 32)).toBe(bad ? 'lone_surrogate' : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('stops a 1,000,000-deep array at the limit, without recursion', () => {
    let value: unknown = 1;
    for (let i = 0; i < 1_000_000; i += 1) value = [value];
    expect(bodyProblem(value, 32)).toBe('too_deep');
    expect(bodyProblem([[{ a: [1] }]], 4)).toBeUndefined();
    expect(bodyProblem([[{ a: [1] }]], 3)).toBe('too_deep');
    expect(bodyProblem([{ a: '\ud83d\ude00' }], 32)).toBeUndefined();
  });
});
