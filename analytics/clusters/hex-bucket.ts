import type { ClusterComplaint } from '../../domain/incident.js';
import type { HexNode } from './hex-graph.js';
import { StreamIncident } from './stream-incident.js';

/** A complaint the streaming detector still holds (it can still share a window with a future one). */
export interface HeldComplaint {
  readonly c: ClusterComplaint;
  readonly t: number;
  readonly bucket: HexBucket;
  /** The incident it was flagged into (any node of that union-find tree), if any. */
  inc: StreamIncident | undefined;
}

/**
 * Starts of qualifying windows counting complaints in this hexagon, chained while less than a
 * window apart: such windows overlap and share the hexagon, so one chain is one incident (SPEC §3
 * merge rule). Chains are disjoint, sorted, and at least a window apart.
 */
interface StartRun {
  from: number;
  to: number;
  inc: StreamIncident;
}

/** One category's state in one hexagon: its held complaints in time order and its start runs. */
export class HexBucket {
  private recs: HeldComplaint[] = [];
  private head = 0;
  private runs: StartRun[] = [];
  /** Whether the detector lists it among the buckets with runs to sweep. */
  listed = false;

  constructor(
    readonly node: HexNode,
    /** Index of its category in CATEGORIES. */
    readonly cat: number,
  ) {}

  get size(): number {
    return this.recs.length - this.head;
  }

  get hasRuns(): boolean {
    return this.runs.length > 0;
  }

  /** The held complaint at absolute index `i` (between `firstAbove` and `firstAtLeast` bounds). */
  at(i: number): HeldComplaint {
    return this.recs[i]!;
  }

  /** Inserts in time order (after equal times); false when this complaint id is already held at that time. */
  insert(rec: HeldComplaint): boolean {
    let i = this.recs.length;
    while (i > this.head && this.recs[i - 1]!.t > rec.t) i -= 1;
    for (let j = i - 1; j >= this.head && this.recs[j]!.t === rec.t; j -= 1) {
      if (this.recs[j]!.c.complaint_id === rec.c.complaint_id) return false;
    }
    if (i === this.recs.length) this.recs.push(rec);
    else this.recs.splice(i, 0, rec);
    return true;
  }

  /** Drops the earliest held complaint. */
  shift(): void {
    this.head += 1;
    if (this.head === this.recs.length) {
      this.recs = [];
      this.head = 0;
    } else if (this.head >= 64 && this.head * 2 >= this.recs.length) {
      this.recs = this.recs.slice(this.head);
      this.head = 0;
    }
  }

  /** Absolute index of the first held complaint with t > time. */
  firstAbove(time: number): number {
    if (this.head === this.recs.length || this.recs[this.head]!.t > time) return this.head;
    let lo = this.head;
    let hi = this.recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.recs[mid]!.t > time) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Absolute index of the first held complaint with t ≥ time. */
  firstAtLeast(time: number): number {
    if (this.head === this.recs.length || this.recs[this.recs.length - 1]!.t < time) return this.recs.length;
    let lo = this.head;
    let hi = this.recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.recs[mid]!.t >= time) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Records qualifying windows starting between `from` and `to` (less than a window apart, so one
   * chain) that count complaints here for `inc`, and links them to the chains they come within a
   * window of.
   * @returns false when [from, to] lies inside a chain already (no new link to any hexagon).
   */
  addStarts(from: number, to: number, inc: StreamIncident, windowMs: number): boolean {
    const runs = this.runs;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.from <= from && to <= last.to) {
      last.inc = StreamIncident.union(last.inc, inc);
      return false;
    }
    let i = runs.length;
    while (i > 0 && runs[i - 1]!.to > from - windowMs) i -= 1;
    let j = i;
    let covered = false;
    const run: StartRun = { from, to, inc };
    for (; j < runs.length && runs[j]!.from < to + windowMs; j += 1) {
      const r = runs[j]!;
      covered ||= r.from <= from && to <= r.to;
      run.from = Math.min(run.from, r.from);
      run.to = Math.max(run.to, r.to);
      run.inc = StreamIncident.union(run.inc, r.inc);
    }
    runs.splice(i, j - i, run);
    return !covered;
  }

  /** `inc` linked with every chain holding a start less than a window from [from, to]. */
  linkNear(from: number, to: number, inc: StreamIncident, windowMs: number): StreamIncident {
    for (let k = this.runs.length - 1; k >= 0; k -= 1) {
      const r = this.runs[k]!;
      if (r.to <= from - windowMs) break;
      if (r.from < to + windowMs) inc = StreamIncident.union(inc, r.inc);
    }
    return inc;
  }

  /** Forgets chains ending at or before `limit` (no future start can reach them). */
  pruneRuns(limit: number): void {
    if (this.runs.length > 0 && this.runs[0]!.to <= limit) this.runs = this.runs.filter((r) => r.to > limit);
  }
}
