import type { HexLists } from './hex-lists.js';
import type { HexTable } from './hex-table.js';
import { HotSpans } from './hot-spans.js';
import type { RowUnion } from './row-union.js';
import type { RunTable } from './run-table.js';
import { lowerBound } from './typed-groups.js';

/**
 * `scanWindows` on typed columns for the member sets of one category: merges a set's (up to
 * three) time-ordered hexagon lists, slides the half-open window over every complaint time, and
 * for each qualifying window flags its complaints, joins them in `rows` and extends or opens a
 * run (a new run where the windows stop overlapping or the hexagons they count change).
 *
 * Most of a month is quiet, so a set is scanned only inside the `HotSpans` of its middle (every
 * member of the set is in the middle's disk): every window that qualifies lies inside one span,
 * and its runs break at the span's edges anyway, as the next qualifying start is more than a
 * window later.
 */
export class SetScanner {
  /** Rows flagged by some qualifying window: 1 = in a major cluster. */
  readonly flagged: Uint8Array;
  private times = new Float64Array(4096);
  private members = new Int32Array(4096);
  private slots = new Uint8Array(4096);
  private readonly set = new Int32Array(3);
  private readonly lo = new Int32Array(3);
  private readonly hi = new Int32Array(3);
  private readonly end = new Int32Array(3);
  private readonly counts = new Int32Array(3);
  private readonly hot: HotSpans;

  constructor(
    table: HexTable,
    private readonly lists: HexLists,
    private readonly rows: RowUnion,
    private readonly runs: RunTable,
    private readonly windowMs: number,
    private readonly minCount: number,
  ) {
    this.flagged = new Uint8Array(lists.order.length);
    this.hot = new HotSpans(table, lists, windowMs, minCount);
  }

  /** Scans member set {a, b, c} (-1 = absent) of category index `cat`, which came from `middle`. */
  scan(cat: number, middle: number, a: number, b: number, c: number): void {
    const { lists, set } = this;
    const total = lists.count(cat, a) + (b >= 0 ? lists.count(cat, b) : 0) + (c >= 0 ? lists.count(cat, c) : 0);
    if (total < this.minCount) return;
    const { hot } = this;
    if (middle !== hot.middle || cat !== hot.cat) hot.find(cat, middle);
    set[0] = a;
    set[1] = b;
    set[2] = c;
    for (let s = 0; s < 3; s += 1) {
      this.hi[s] = set[s]! < 0 ? 0 : lists.from(cat, set[s]!);
      this.end[s] = set[s]! < 0 ? 0 : lists.to(cat, set[s]!);
    }
    for (let k = 0; k < hot.count; k += 1) {
      let inSpan = 0;
      for (let s = 0; s < 3; s += 1) {
        // Spans come in time order: each list is searched from where the previous span ended.
        this.lo[s] = lowerBound(hot.bucket, this.hi[s]!, this.end[s]!, hot.spans[2 * k]!);
        this.hi[s] = lowerBound(hot.bucket, this.lo[s]!, this.end[s]!, hot.spans[2 * k + 1]!);
        inSpan += this.hi[s]! - this.lo[s]!;
      }
      if (inSpan < this.minCount) continue;
      this.merge(inSpan);
      this.slide(inSpan);
    }
  }

  private growScratch(size: number): void {
    this.times = new Float64Array(size * 2);
    this.members = new Int32Array(size * 2);
    this.slots = new Uint8Array(size * 2);
  }

  /** Fills times/members/slots with the set's complaints in [lo, hi) of each list, in time order. */
  private merge(total: number): void {
    if (total > this.times.length) this.growScratch(total);
    const { order, times: listTimes } = this.lists;
    const { times, members, slots, lo, hi } = this;
    let i0 = lo[0]!;
    let i1 = lo[1]!;
    let i2 = lo[2]!;
    const e0 = hi[0]!;
    const e1 = hi[1]!;
    const e2 = hi[2]!;
    for (let k = 0; k < total; k += 1) {
      const t0 = i0 < e0 ? listTimes[i0]! : Infinity;
      const t1 = i1 < e1 ? listTimes[i1]! : Infinity;
      const t2 = i2 < e2 ? listTimes[i2]! : Infinity;
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
    const { times, members, slots, windowMs, minCount, runs, rows, flagged, set, counts } = this;
    counts.fill(0);
    let end = 0;
    let covered = 0;
    let run = -1;
    let runMask = 0;
    for (let start = 0; start + minCount <= total; start += 1) {
      const limit = times[start]! + windowMs;
      for (; end < total && times[end]! < limit; end += 1) counts[slots[end]!]! += 1;
      // A start tied in time with the previous one counts a subset of that window: nothing new.
      if ((start === 0 || times[start - 1] !== times[start]) && end - start >= minCount) {
        const mask = (counts[0]! > 0 ? 1 : 0) | (counts[1]! > 0 ? 2 : 0) | (counts[2]! > 0 ? 4 : 0);
        const rep = members[start]!;
        if (run < 0 || start >= covered || mask !== runMask) {
          run = runs.open(
            times[start]!,
            rep,
            mask & 1 ? set[0]! : -1,
            mask & 2 ? set[1]! : -1,
            mask & 4 ? set[2]! : -1,
          );
          runMask = mask;
          covered = start;
        }
        for (let k = Math.max(covered, start); k < end; k += 1) {
          flagged[members[k]!] = 1;
          rows.union(rep, members[k]!);
        }
        covered = end;
        runs.extend(run, times[start]!, end - start);
      }
      counts[slots[start]!]! -= 1;
    }
  }
}
