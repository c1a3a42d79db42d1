import { CATEGORIES } from '../../domain/enums.js';
import type { ComplaintColumns } from './complaint-columns.js';

/**
 * The rows of each (category, occupied hexagon), time-ordered: `order[from(c, h) .. to(c, h))`.
 * Built by one counting sort (linear); a list out of time order is sorted on its own, so rows
 * already ordered by category, hexagon and time (as the store loads them) cost one pass.
 */
export class HexLists {
  readonly order: Int32Array;
  /** t of each position of `order`: the lists' times, contiguous. */
  readonly times: Float64Array;
  private readonly starts: Int32Array;
  private readonly hexCount: number;

  constructor(columns: ComplaintColumns) {
    const { size, category, hex, t } = columns;
    this.hexCount = columns.hexes.length;
    const keys = CATEGORIES.length * this.hexCount;
    const starts = new Int32Array(keys + 1);
    for (let i = 0; i < size; i += 1) starts[category[i]! * this.hexCount + hex[i]! + 1]! += 1;
    for (let k = 0; k < keys; k += 1) starts[k + 1]! += starts[k]!;
    const next = starts.slice(0, keys);
    const order = new Int32Array(size);
    for (let i = 0; i < size; i += 1) order[next[category[i]! * this.hexCount + hex[i]!]!++] = i;
    for (let k = 0; k < keys; k += 1) sortByTime(order.subarray(starts[k]!, starts[k + 1]!), t);
    this.order = order;
    this.times = new Float64Array(size);
    for (let i = 0; i < size; i += 1) this.times[i] = t[order[i]!]!;
    this.starts = starts;
  }

  /** First position in `order` of (category index, hexagon id); hexagons past the dictionary are empty. */
  from(cat: number, hex: number): number {
    return hex < this.hexCount ? this.starts[cat * this.hexCount + hex]! : 0;
  }

  /** End (exclusive) in `order` of (category index, hexagon id). */
  to(cat: number, hex: number): number {
    return hex < this.hexCount ? this.starts[cat * this.hexCount + hex + 1]! : 0;
  }

  /** First position in [from, to) whose time is at least `t`. */
  firstAtLeast(from: number, to: number, t: number): number {
    const times = this.times;
    while (from < to) {
      const mid = (from + to) >>> 1;
      if (times[mid]! >= t) to = mid;
      else from = mid + 1;
    }
    return from;
  }

  /** Complaints of (category index, hexagon id). */
  count(cat: number, hex: number): number {
    return this.to(cat, hex) - this.from(cat, hex);
  }
}

function sortByTime(rows: Int32Array, t: Float64Array): void {
  for (let i = 1; i < rows.length; i += 1) {
    if (t[rows[i]!]! < t[rows[i - 1]!]!) {
      rows.sort((a, b) => t[a]! - t[b]!);
      return;
    }
  }
}
