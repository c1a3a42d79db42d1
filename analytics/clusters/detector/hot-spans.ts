import type { HexLists } from './hex-lists.js';
import { RING, type HexTable } from './hex-table.js';

/** At most this many time buckets: a window tiny against the data's span gets coarser buckets. */
const MAX_BUCKETS = 1 << 24;

/**
 * Where a middle hexagon's disk (itself and its neighbours: six, five at a pentagon) is busy
 * enough for a group, as spans of time buckets. Buckets are at least a window long, so a window
 * starting in bucket b ends in b or b + 1: it can hold `minCount` complaints of a set around the
 * middle only if the disk holds that many in b and b + 1 together. Each such b gives the span
 * [b, b + 3) — the window's two buckets and a spare, because bucket numbers come from a
 * floating-point division — and spans that meet are merged, so every qualifying window lies
 * inside one span and the next qualifying start after a span is more than a window later.
 */
export class HotSpans {
  /** Bucket of each position of the lists (non-decreasing within a list). */
  readonly bucket: Int32Array;
  /** The spans as [from, to) bucket pairs; `count` of them are valid. */
  spans = new Int32Array(64);
  count = 0;
  /** The (category, middle) the spans are for. */
  cat = -1;
  middle = -1;
  /** Complaints per bucket in the current disk (zero between calls), the buckets touched, the hot ones. */
  private readonly perBucket: Int32Array;
  private touched = new Int32Array(1024);
  private starts = new Int32Array(1024);

  constructor(
    private readonly table: HexTable,
    private readonly lists: HexLists,
    windowMs: number,
    private readonly minCount: number,
  ) {
    const times = lists.times;
    let earliest = Infinity;
    let latest = -Infinity;
    for (let i = 0; i < times.length; i += 1) {
      earliest = Math.min(earliest, times[i]!);
      latest = Math.max(latest, times[i]!);
    }
    const bucketMs = Math.max(windowMs, (latest - earliest) / MAX_BUCKETS);
    this.bucket = new Int32Array(times.length);
    let last = 0;
    for (let i = 0; i < times.length; i += 1) {
      const bucket = Math.floor((times[i]! - earliest) / bucketMs);
      this.bucket[i] = bucket;
      last = Math.max(last, bucket);
    }
    this.perBucket = new Int32Array(last + 2);
  }

  /** Fills `spans` for the disk of `middle` in category index `cat`. */
  find(cat: number, middle: number): void {
    this.cat = cat;
    this.middle = middle;
    this.count = 0;
    const total = this.diskTotal(cat, middle);
    if (total < this.minCount) return;
    const touched = this.countDisk(cat, middle, total);
    this.mergeSpans(this.hotStarts(touched));
  }

  private diskTotal(cat: number, middle: number): number {
    let total = this.lists.count(cat, middle);
    for (let k = 0; k < RING; k += 1) {
      const h = this.table.ring[middle * RING + k]!;
      if (h >= 0) total += this.lists.count(cat, h);
    }
    return total;
  }

  /** Counts the disk's `total` complaints per bucket; returns how many buckets it touched (listed in `touched`). */
  private countDisk(cat: number, middle: number, total: number): number {
    if (total > this.touched.length) this.touched = new Int32Array(total * 2);
    const { lists, bucket, perBucket, touched, table } = this;
    let n = 0;
    for (let k = -1; k < RING; k += 1) {
      const h = k < 0 ? middle : table.ring[middle * RING + k]!;
      if (h < 0) continue;
      for (let i = lists.from(cat, h), end = lists.to(cat, h); i < end; i += 1) {
        if (perBucket[bucket[i]!]!++ === 0) touched[n++] = bucket[i]!;
      }
    }
    return n;
  }

  /**
   * The touched buckets b with `minCount` in b and b + 1, sorted; clears the counts. Windows start at complaints, so
   * only touched buckets start one.
   */
  private hotStarts(touched: number): Int32Array {
    const { perBucket, minCount } = this;
    if (touched > this.starts.length) this.starts = new Int32Array(touched * 2);
    let hot = 0;
    for (let i = 0; i < touched; i += 1) {
      const b = this.touched[i]!;
      if (perBucket[b]! + perBucket[b + 1]! >= minCount) this.starts[hot++] = b;
    }
    for (let i = 0; i < touched; i += 1) perBucket[this.touched[i]!] = 0;
    return this.starts.subarray(0, hot).sort();
  }

  private mergeSpans(starts: Int32Array): void {
    for (let i = 0; i < starts.length; i += 1) {
      const b = starts[i]!;
      const last = this.count - 1;
      if (last >= 0 && b <= this.spans[2 * last + 1]!) this.spans[2 * last + 1] = b + 3;
      else this.addSpan(b, b + 3);
    }
  }

  private addSpan(from: number, to: number): void {
    if (2 * this.count === this.spans.length) {
      const bigger = new Int32Array(this.spans.length * 2);
      bigger.set(this.spans);
      this.spans = bigger;
    }
    this.spans[2 * this.count] = from;
    this.spans[2 * this.count + 1] = to;
    this.count += 1;
  }
}
