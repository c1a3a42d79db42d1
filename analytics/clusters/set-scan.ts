import type { HexLists } from './hex-lists.js';
import type { RowUnion } from './row-union.js';
import type { RunTable } from './run-table.js';

/**
 * `scanWindows` on typed columns for one member set of one category: merges the (up to three)
 * time-ordered hexagon lists, slides the half-open window over every complaint time, and for
 * each qualifying window flags its complaints, joins them in `rows` and extends or opens a run
 * (a new run where the windows stop overlapping or the hexagons they count change).
 */
export class SetScanner {
  /** Rows flagged by some qualifying window: 1 = in a major cluster. */
  readonly flagged: Uint8Array;
  private times = new Float64Array(4096);
  private members = new Int32Array(4096);
  private slots = new Uint8Array(4096);
  private readonly set = new Int32Array(3);

  constructor(
    private readonly lists: HexLists,
    private readonly t: Float64Array,
    private readonly rows: RowUnion,
    private readonly runs: RunTable,
    private readonly windowMs: number,
    private readonly minCount: number,
  ) {
    this.flagged = new Uint8Array(t.length);
  }

  /** Scans member set {a, b, c} (-1 = absent) of category index `cat`. */
  scan(cat: number, a: number, b: number, c: number): void {
    const { lists } = this;
    const total = lists.count(cat, a) + (b >= 0 ? lists.count(cat, b) : 0) + (c >= 0 ? lists.count(cat, c) : 0);
    if (total < this.minCount) return;
    this.set[0] = a;
    this.set[1] = b;
    this.set[2] = c;
    this.merge(cat, total);
    this.slide(total);
  }

  /** Fills times/members/slots with the set's complaints in time order. */
  private merge(cat: number, total: number): void {
    if (total > this.times.length) {
      this.times = new Float64Array(total * 2);
      this.members = new Int32Array(total * 2);
      this.slots = new Uint8Array(total * 2);
    }
    const { order } = this.lists;
    const { t, times, members, slots, set } = this;
    let i0 = this.lists.from(cat, set[0]!);
    const e0 = this.lists.to(cat, set[0]!);
    let i1 = set[1]! >= 0 ? this.lists.from(cat, set[1]!) : 0;
    const e1 = set[1]! >= 0 ? this.lists.to(cat, set[1]!) : 0;
    let i2 = set[2]! >= 0 ? this.lists.from(cat, set[2]!) : 0;
    const e2 = set[2]! >= 0 ? this.lists.to(cat, set[2]!) : 0;
    for (let k = 0; k < total; k += 1) {
      const t0 = i0 < e0 ? t[order[i0]!]! : Infinity;
      const t1 = i1 < e1 ? t[order[i1]!]! : Infinity;
      const t2 = i2 < e2 ? t[order[i2]!]! : Infinity;
      if (t0 <= t1 && t0 <= t2) {
        times[k] = t0;
        members[k] = order[i0++]!;
        slots[k] = 0;
      } else if (t1 <= t2) {
        times[k] = t1;
        members[k] = order[i1++]!;
        slots[k] = 1;
      } else {
        times[k] = t2;
        members[k] = order[i2++]!;
        slots[k] = 2;
      }
    }
  }

  private slide(total: number): void {
    const { times, members, slots, windowMs, minCount, runs, rows, flagged, set } = this;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let end = 0;
    let covered = 0;
    let run = -1;
    let runMask = 0;
    for (let start = 0; start + minCount <= total; start += 1) {
      const limit = times[start]! + windowMs;
      for (; end < total && times[end]! < limit; end += 1) {
        const s = slots[end]!;
        if (s === 0) n0 += 1;
        else if (s === 1) n1 += 1;
        else n2 += 1;
      }
      // A start tied in time with the previous one counts a subset of that window: nothing new.
      if ((start === 0 || times[start - 1] !== times[start]) && end - start >= minCount) {
        const mask = (n0 > 0 ? 1 : 0) | (n1 > 0 ? 2 : 0) | (n2 > 0 ? 4 : 0);
        const rep = members[start]!;
        if (run < 0 || start >= covered || mask !== runMask) {
          run = runs.open(times[start]!, rep, mask & 1 ? set[0]! : -1, mask & 2 ? set[1]! : -1, mask & 4 ? set[2]! : -1);
          runMask = mask;
          covered = start;
        }
        for (let k = covered > start ? covered : start; k < end; k += 1) {
          flagged[members[k]!] = 1;
          rows.union(rep, members[k]!);
        }
        covered = end;
        if (end - start > runs.peak[run]!) runs.peak[run] = end - start;
        runs.last[run] = times[start]!;
      }
      const s = slots[start]!;
      if (s === 0) n0 -= 1;
      else if (s === 1) n1 -= 1;
      else n2 -= 1;
    }
  }
}
