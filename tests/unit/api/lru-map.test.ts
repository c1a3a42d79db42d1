import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruMap } from '../../../api/plugins/app/lru-map.js';

/** The brute-force twin: entries in an array, least recently used first. */
class ListLru {
  entries: { key: number; value: number }[] = [];

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: number) => number,
  ) {}

  get(key: number): number | undefined {
    const at = this.entries.findIndex((e) => e.key === key);
    if (at < 0) return undefined;
    const [entry] = this.entries.splice(at, 1);
    this.entries.push(entry!);
    return entry!.value;
  }

  set(key: number, value: number): void {
    this.entries = this.entries.filter((e) => e.key !== key);
    this.entries.push({ key, value });
    const total = (): number => this.entries.reduce((n, e) => n + this.weigh(e.value), 0);
    while (total() > this.budget && this.entries.length > 1) this.entries.shift();
  }

  delete(key: number, value?: number): void {
    this.entries = this.entries.filter((e) => e.key !== key || (value !== undefined && e.value !== value));
  }
}

const KEYS = 6;
const op = fc.oneof(
  fc.record({ kind: fc.constant('get' as const), key: fc.nat(KEYS - 1) }),
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(KEYS - 1), value: fc.integer({ min: 1, max: 9 }) }),
  fc.record({
    kind: fc.constant('delete' as const),
    key: fc.nat(KEYS - 1),
    value: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  }),
);

describe('LruMap', () => {
  it('keeps what a list that drops its least recently used entries keeps, by count or by weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.array(op, { maxLength: 60 }),
        (budget, byWeight, ops) => {
          const weigh = byWeight ? (value: number): number => value : (): number => 1;
          const lru = new LruMap<number, number>(budget, weigh);
          const twin = new ListLru(budget, weigh);
          for (const o of ops) {
            if (o.kind === 'get') expect(lru.get(o.key)).toBe(twin.get(o.key));
            else if (o.kind === 'set') [lru, twin].forEach((m) => m.set(o.key, o.value));
            else [lru, twin].forEach((m) => m.delete(o.key, o.value));
          }
          // Asked in the same order, both answer alike (each ask moves the key to the young end in both).
          for (let key = 0; key < KEYS; key += 1) expect(lru.get(key)).toBe(twin.get(key));
        },
      ),
    );
  });
});
