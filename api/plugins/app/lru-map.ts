/**
 * A map that keeps its most recently used entries within a budget: each entry weighs `weigh(value)`
 * (1 by default, so the budget is a count) and the least recently used go first once the total is
 * over it. The newest entry always stays, however heavy.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  private total = 0;

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value under `key`, now the most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Re-inserting moves the key to the young end of the Map's insertion order.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.total += this.weigh(value);
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.budget || this.entries.size === 1) break;
      this.entries.delete(oldest);
      this.total -= this.weigh(old);
    }
  }

  /** Removes `key`'s entry, only when it still holds `value` if one is given. */
  delete(key: K, value?: V): void {
    const held = this.entries.get(key);
    if (held === undefined || (value !== undefined && held !== value)) return;
    this.entries.delete(key);
    this.total -= this.weigh(held);
  }
}
