import type { HexLists } from './hex-lists.js';
import { RING, type HexTable } from './hex-table.js';
import type { RowUnion } from './row-union.js';
import type { RunTable } from './run-table.js';

/**
 * `scanWindows` on typed columns for the member sets of one category: merges a set's (up to
 * three) time-ordered hexagon lists, slides the half-open window over every complaint time, and
 * for each qualifying window flags its complaints, joins them in `rows` and extends or opens a
 * run (a new run where the windows stop overlapping or the hexagons they count change).
 *
 * Most of a month is quiet, so a set is scanned only inside the "hot" spans of its middle. Time
 * is cut into window-long buckets; a window starting in bucket b ends in b or b + 1, so it can
 * qualify only where the middle and its six neighbours (every member of the set is among them)
 * hold `minCount` complaints in b and b + 1 together. The set is scanned over buckets b to b + 2
 * (one spare for rounding) of each such b, spans that meet merged: every window that qualifies
 * lies inside one span, and its runs break at the span's edges anyway (the next qualifying start
 * is more than a window later).
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
  private readonly counts = new Int32Array(3);
  /** Bucket of each position of the lists: whole windows since the earliest complaint. */
  private readonly bucket: Int32Array;
  /** Complaints per bucket in the current middle's disk (zero between calls), and the buckets touched. */
  private readonly perBucket: Int32Array;
  private touched = new Int32Array(1024);
  private starts = new Int32Array(1024);
  /** Hot spans of `hotMiddle` as [from, to) pairs of buckets. */
  private hot = new Int32Array(64);
  private hotCount = 0;
  private hotMiddle = -1;
  private hotCat = -1;

  constructor(
    private readonly table: HexTable,
    private readonly lists: HexLists,
    private readonly rows: RowUnion,
    private readonly runs: RunTable,
    private readonly windowMs: number,
    private readonly minCount: number,
  ) {
    this.flagged = new Uint8Array(lists.order.length);
    const times = lists.times;
    let earliest = Infinity;
    for (let i = 0; i < times.length; i += 1) if (times[i]! < earliest) earliest = times[i]!;
    this.bucket = new Int32Array(times.length);
    let buckets = 0;
    for (let i = 0; i < times.length; i += 1) buckets = Math.max(buckets, (this.bucket[i] = Math.floor((times[i]! - earliest) / windowMs)));
    this.perBucket = new Int32Array(buckets + 2);
  }

  /** Scans member set {a, b, c} (-1 = absent) of category index `cat`, which came from `middle`. */
  scan(cat: number, middle: number, a: number, b: number, c: number): void {
    const { lists, set } = this;
    const total = lists.count(cat, a) + (b >= 0 ? lists.count(cat, b) : 0) + (c >= 0 ? lists.count(cat, c) : 0);
    if (total < this.minCount) return;
    if (middle !== this.hotMiddle || cat !== this.hotCat) this.findHotSpans(cat, middle);
    set[0] = a;
    set[1] = b;
    set[2] = c;
    for (let k = 0; k < this.hotCount; k += 1) {
      let inSpan = 0;
      for (let s = 0; s < 3; s += 1) {
        if (set[s]! < 0) {
          this.lo[s] = this.hi[s] = 0;
          continue;
        }
        const from = lists.from(cat, set[s]!);
        const to = lists.to(cat, set[s]!);
        this.lo[s] = firstAtLeast(this.bucket, from, to, this.hot[2 * k]!);
        this.hi[s] = firstAtLeast(this.bucket, this.lo[s]!, to, this.hot[2 * k + 1]!);
        inSpan += this.hi[s]! - this.lo[s]!;
      }
      if (inSpan < this.minCount) continue;
      this.merge(inSpan);
      this.slide(inSpan);
    }
  }

  /** The bucket spans where the middle's disk can hold `minCount` complaints in one window. */
  private findHotSpans(cat: number, middle: number): void {
    const { lists, table, minCount, bucket, perBucket } = this;
    this.hotMiddle = middle;
    this.hotCat = cat;
    this.hotCount = 0;
    let total = lists.count(cat, middle);
    for (let k = 0; k < RING; k += 1) {
      const h = table.ring[middle * RING + k]!;
      if (h >= 0) total += lists.count(cat, h);
    }
    if (total < minCount) return;
    if (total > this.touched.length) this.touched = new Int32Array(total * 2);
    const touched = this.touched;
    let n = 0;
    for (let k = -1; k < RING; k += 1) {
      const h = k < 0 ? middle : table.ring[middle * RING + k]!;
      if (h < 0) continue;
      for (let i = lists.from(cat, h), end = lists.to(cat, h); i < end; i += 1) {
        if (perBucket[bucket[i]!]!++ === 0) touched[n++] = bucket[i]!;
      }
    }
    // Windows start at complaints, so only touched buckets start a pair.
    if (n > this.starts.length) this.starts = new Int32Array(n * 2);
    let hotStarts = 0;
    for (let i = 0; i < n; i += 1) {
      const b = touched[i]!;
      if (perBucket[b]! + perBucket[b + 1]! >= minCount) this.starts[hotStarts++] = b;
    }
    for (let i = 0; i < n; i += 1) perBucket[touched[i]!] = 0;
    const starts = this.starts.subarray(0, hotStarts).sort();
    for (let i = 0; i < starts.length; i += 1) {
      const b = starts[i]!;
      const last = this.hotCount - 1;
      if (last >= 0 && b <= this.hot[2 * last + 1]!) this.hot[2 * last + 1] = b + 3;
      else this.addHotSpan(b, b + 3);
    }
  }

  private addHotSpan(from: number, to: number): void {
    if (2 * this.hotCount === this.hot.length) {
      const bigger = new Int32Array(this.hot.length * 2);
      bigger.set(this.hot);
      this.hot = bigger;
    }
    this.hot[2 * this.hotCount] = from;
    this.hot[2 * this.hotCount + 1] = to;
    this.hotCount += 1;
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
      counts[slots[start]!]! -= 1;
    }
  }
}

/** First position in [from, to) of the non-decreasing `values` that is at least `v`. */
function firstAtLeast(values: Int32Array, from: number, to: number, v: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (values[mid]! >= v) to = mid;
    else from = mid + 1;
  }
  return from;
}
