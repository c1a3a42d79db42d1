import type { Category } from '../../domain/enums.js';
import { candidateSetsAround } from './candidate-sets-around.js';
import type { HeldComplaint, HexBucket } from './hex-bucket.js';
import type { HexGraph, HexNode } from './hex-graph.js';
import { StreamIncident } from './stream-incident.js';

/**
 * The streaming detector's search for the qualifying groups (SPEC §3) a new complaint x belongs
 * to. Only groups counting x change when x arrives: their hexagons lie within grid distance 2 of
 * x's and their windows start in (x.t − window, x.t], so a quick count there rules most pushes
 * out; the rest get the exact check the batch detector does, on x's neighbourhood only.
 */
export class GroupFinder {
  private seq = 0;
  private readonly times: number[] = [];
  private readonly recs: HeldComplaint[] = [];
  private readonly slots: number[] = [];
  private readonly heads = new Int32Array(3);
  /** Per slot of the scanned set: complaints in the current window, first and last start counting it. */
  private readonly inWindow = new Int32Array(3);
  private readonly first = new Float64Array(3);
  private readonly last = new Float64Array(3);
  /** The category of the current `groupsOf`, for the callbacks below (made once: this runs on most dense pushes). */
  private cat = 0;
  private readonly heldOf = (n: HexNode): number => this.graph.heldIn(n, this.cat);
  private readonly ringOf = (n: HexNode): HexNode[] => this.graph.ring1(n);
  /** Buckets that hold start runs, for `sweep`. */
  private withRuns: HexBucket[] = [];

  constructor(
    private readonly graph: HexGraph,
    private readonly windowMs: number,
    private readonly minCount: number,
  ) {}

  /**
   * Necessary for x to be in a group: `minCount` complaints of its category held within grid
   * distance 2 (the held ones include every complaint within a window of x.t).
   */
  crowded(x: HeldComplaint, cat: number): boolean {
    return this.graph.heldNear(x.bucket.node, cat, this.minCount) >= this.minCount;
  }

  /**
   * Finds every qualifying window that counts x, flags their complaints into one incident with
   * everything they share a complaint with or touch (SPEC §3 merge rule) and returns its root.
   * @returns undefined when x is in no qualifying window.
   */
  groupsOf(x: HeldComplaint, category: Category): StreamIncident | undefined {
    const { minCount } = this;
    const cat = (this.cat = x.bucket.cat);
    // Held counts bound the counts near x.t from above: cheap to read, exact enough to prune.
    const sets = candidateSetsAround(x.bucket.node, this.heldOf, this.ringOf, minCount);
    this.seq += 1;
    let root: StreamIncident | undefined;
    for (const set of sets) {
      if (this.near(set, x) < minCount) continue;
      this.gather(set, cat);
      root = this.scan(set, cat, category, x.t, root);
    }
    return root;
  }

  /** Forgets start runs that no future window can reach: those ending at or before `limit`. */
  sweep(limit: number): void {
    const kept: HexBucket[] = [];
    for (const bucket of this.withRuns) {
      bucket.pruneRuns(limit);
      if (bucket.hasRuns) kept.push(bucket);
      else bucket.listed = false;
    }
    this.withRuns = kept;
  }

  /** Complaints of `set` in (x.t − window, x.t + window), each node's index range left in its scratch. */
  private near(set: readonly HexNode[], x: HeldComplaint): number {
    let n = 0;
    for (const node of set) {
      if (node.mark !== this.seq) {
        const bucket = node.buckets[x.bucket.cat]!;
        node.mark = this.seq;
        node.lo = bucket.firstAbove(x.t - this.windowMs);
        node.hi = bucket.firstAtLeast(x.t + this.windowMs);
      }
      n += node.hi - node.lo;
    }
    return n;
  }

  /** Merges the marked ranges of `set` by time into the scratch arrays (slot = position in `set`). */
  private gather(set: readonly HexNode[], cat: number): void {
    const { times, recs, slots } = this;
    times.length = recs.length = slots.length = 0;
    const heads = this.heads;
    for (let s = 0; s < set.length; s += 1) heads[s] = set[s]!.lo;
    for (;;) {
      let best = -1;
      let bestT = Infinity;
      for (let s = 0; s < set.length; s += 1) {
        if (heads[s]! >= set[s]!.hi) continue;
        const time = set[s]!.buckets[cat]!.at(heads[s]!).t;
        if (time < bestT) [best, bestT] = [s, time];
      }
      if (best < 0) return;
      recs.push(set[best]!.buckets[cat]!.at(heads[best]!));
      times.push(bestT);
      slots.push(best);
      heads[best]! += 1;
    }
  }

  /**
   * The batch's window scan over the windows that hold x: starts in (x.t − window, x.t]. Those
   * starts are less than a window apart, so per hexagon they form one chain of starts.
   */
  private scan(set: readonly HexNode[], cat: number, category: Category, t: number, root: StreamIncident | undefined): StreamIncident | undefined {
    const { times, recs, slots, windowMs, minCount, inWindow, first, last } = this;
    inWindow.fill(0);
    first.fill(Infinity);
    last.fill(-Infinity);
    let end = 0;
    let coveredTo = 0;
    for (let i = 0; i < times.length && times[i]! <= t; i += 1) {
      for (; end < times.length && times[end]! < times[i]! + windowMs; end += 1) inWindow[slots[end]!]! += 1;
      // A start tied with the previous one counts a subset of its window.
      if ((i === 0 || times[i - 1] !== times[i]) && end - i >= minCount) {
        for (let k = Math.max(coveredTo, i); k < end; k += 1) root = join(root, recs[k]!, category);
        coveredTo = Math.max(coveredTo, end);
        root!.peak = Math.max(root!.peak, end - i);
        for (let slot = 0; slot < set.length; slot += 1) {
          if (inWindow[slot]! === 0) continue;
          first[slot] = Math.min(first[slot]!, times[i]!);
          last[slot] = times[i]!;
        }
      }
      inWindow[slots[i]!]! -= 1;
    }
    for (let slot = 0; slot < set.length; slot += 1) {
      if (first[slot]! <= last[slot]!) root = this.link(set[slot]!, cat, first[slot]!, last[slot]!, root!);
    }
    return root;
  }

  /** Records window starts in [from, to] at `node` and links `root` with every incident whose starts they touch. */
  private link(node: HexNode, cat: number, from: number, to: number, root: StreamIncident): StreamIncident {
    const bucket = node.buckets[cat]!;
    if (!bucket.listed) {
      bucket.listed = true;
      this.withRuns.push(bucket);
    }
    if (!bucket.addStarts(from, to, root, this.windowMs)) return root.find();
    root = root.find();
    for (const near of this.graph.ring1(node)) {
      const other = near.buckets[cat];
      if (other !== undefined && other.hasRuns) root = other.linkNear(from, to, root, this.windowMs);
    }
    return root;
  }
}

/** Flags `rec` into `root` (creating the incident on the first complaint) or merges their incidents. */
function join(root: StreamIncident | undefined, rec: HeldComplaint, category: Category): StreamIncident {
  const inc = rec.inc?.find();
  if (inc === undefined) {
    root ??= new StreamIncident(category);
    root.add(rec.c);
    rec.inc = root;
    return root;
  }
  rec.inc = inc;
  return root === undefined ? inc : StreamIncident.union(root, inc);
}
