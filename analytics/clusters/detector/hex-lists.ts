import { CATEGORIES } from '../../../domain/enums.js';
import type { ComplaintColumns } from './complaint-columns.js';
import { groupByKey } from './typed-groups.js';

/**
 * The rows of each (category, occupied hexagon), time-ordered: `order[from(c, h) .. to(c, h))`,
 * their times in `times` at the same positions. Rows already ordered by category, hexagon and
 * time (as the store loads them) cost one pass.
 */
export class HexLists {
  readonly order: Int32Array;
  /** t of each position of `order`: the lists' times, contiguous. */
  readonly times: Float64Array;
  private readonly starts: Int32Array;
  private readonly hexCount: number;

  constructor(columns: ComplaintColumns) {
    const { size, category, hex, t } = columns;
    const hexCount = columns.hexes.length;
    this.hexCount = hexCount;
    const groups = groupByKey(
      size,
      CATEGORIES.length * hexCount,
      (i) => category[i]! * hexCount + hex[i]!,
      (i) => i,
      t,
    );
    this.order = groups.values;
    this.starts = groups.starts;
    this.times = new Float64Array(size);
    for (let i = 0; i < size; i += 1) this.times[i] = t[this.order[i]!]!;
  }

  /** First position in `order` of (category index, hexagon id); hexagons past the dictionary are empty. */
  from(cat: number, hex: number): number {
    return hex < this.hexCount ? this.starts[cat * this.hexCount + hex]! : 0;
  }

  /** End (exclusive) in `order` of (category index, hexagon id). */
  to(cat: number, hex: number): number {
    return hex < this.hexCount ? this.starts[cat * this.hexCount + hex + 1]! : 0;
  }

  /** Complaints of (category index, hexagon id). */
  count(cat: number, hex: number): number {
    return this.to(cat, hex) - this.from(cat, hex);
  }
}
