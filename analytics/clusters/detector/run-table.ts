import { RING, type HexTable } from './hex-table.js';
import type { RowUnion } from './row-union.js';
import { groupByKey } from './typed-groups.js';

/**
 * Runs of qualifying windows (see `scanWindows`) of one category as typed columns: the span of
 * their window starts, one of their complaints, their peak and the hexagons their windows count.
 */
export class RunTable {
  size = 0;
  first = new Float64Array(1024);
  last = new Float64Array(1024);
  rep = new Int32Array(1024);
  peak = new Int32Array(1024);
  /** Three slots per run, -1 past its hexagons. */
  hexes = new Int32Array(3 * 1024);

  /** Starts a run at window start `t` whose windows count complaint row `rep` and hexagons a, b, c (-1 = none). */
  open(t: number, rep: number, a: number, b: number, c: number): number {
    if (this.size === this.first.length) this.grow();
    const r = this.size++;
    this.first[r] = t;
    this.last[r] = t;
    this.rep[r] = rep;
    this.peak[r] = 0;
    this.hexes[3 * r] = a;
    this.hexes[3 * r + 1] = b;
    this.hexes[3 * r + 2] = c;
    return r;
  }

  /** Counts the window starting at `t` (holding `count` complaints) into run r. */
  extend(r: number, t: number, count: number): void {
    this.last[r] = t;
    if (count > this.peak[r]!) this.peak[r] = count;
  }

  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const bigger = <T extends Float64Array | Int32Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    const n = this.first.length * 2;
    this.first = bigger(this.first, n);
    this.last = bigger(this.last, n);
    this.rep = bigger(this.rep, n);
    this.peak = bigger(this.peak, n);
    this.hexes = bigger(this.hexes, 3 * n);
  }
}

/**
 * The SPEC §3 merge rule between runs: a run joins every run that starts at or after it, less
 * than a window after its last start, in one of its hexagons or a neighbour. Met pair by pair
 * that is quadratic in a busy neighbourhood (thirty-odd member sets cover each hexagon), so it
 * is met per hexagon and per neighbouring pair of hexagons with one sweep in start order: a run
 * joins the run of the other list that reaches furthest (last start + window) among those
 * started before it. That run and any run it should have met directly overlap, and runs of one
 * hexagon that overlap are joined by the sweep of that hexagon alone — so the incidents are the
 * same as meeting every pair.
 */
export function unionTouchingRuns(runs: RunTable, table: HexTable, rows: RowUnion, windowMs: number): void {
  const lists = runsByHexagon(runs, table.size);
  const sweep = new TouchSweep(runs, rows, windowMs, lists);
  for (let h = 0; h < table.size; h += 1) {
    if (lists.bucketStart[h] === lists.bucketStart[h + 1]) continue;
    sweep.within(h);
    for (let k = 0; k < RING; k += 1) {
      const g = table.ring[h * RING + k]!;
      if (g > h && lists.bucketStart[g] !== lists.bucketStart[g + 1]) sweep.between(h, g);
    }
  }
}

interface RunLists {
  bucketStart: Int32Array;
  bucketRuns: Int32Array;
}

class TouchSweep {
  constructor(
    private readonly runs: RunTable,
    private readonly rows: RowUnion,
    private readonly windowMs: number,
    private readonly lists: RunLists,
  ) {}

  /** Joins the runs of hexagon h that overlap one another. */
  within(h: number): void {
    const { bucketStart, bucketRuns } = this.lists;
    const { first, last, rep } = this.runs;
    let reach = -Infinity;
    let reacher = -1;
    for (let i = bucketStart[h]!; i < bucketStart[h + 1]!; i += 1) {
      const r = bucketRuns[i]!;
      if (first[r]! < reach) this.rows.union(rep[r]!, reacher);
      if (last[r]! + this.windowMs > reach) {
        reach = last[r]! + this.windowMs;
        reacher = rep[r]!;
      }
    }
  }

  /** Joins the runs of hexagon h with the runs of its neighbour g that overlap them. */
  between(h: number, g: number): void {
    const { bucketStart, bucketRuns } = this.lists;
    const { first, last, rep } = this.runs;
    let i = bucketStart[h]!;
    const iEnd = bucketStart[h + 1]!;
    let j = bucketStart[g]!;
    const jEnd = bucketStart[g + 1]!;
    let reachH = -Infinity;
    let reachG = -Infinity;
    let repH = -1;
    let repG = -1;
    while (i < iEnd || j < jEnd) {
      const fromH = j >= jEnd || (i < iEnd && first[bucketRuns[i]!]! <= first[bucketRuns[j]!]!);
      const r = fromH ? bucketRuns[i++]! : bucketRuns[j++]!;
      const reach = last[r]! + this.windowMs;
      // A run meets the other hexagon's furthest-reaching earlier run.
      if (fromH) {
        if (first[r]! < reachG) this.rows.union(rep[r]!, repG);
        if (reach > reachH) {
          reachH = reach;
          repH = rep[r]!;
        }
      } else {
        if (first[r]! < reachH) this.rows.union(rep[r]!, repH);
        if (reach > reachG) {
          reachG = reach;
          repG = rep[r]!;
        }
      }
    }
  }
}

/** Run ids per hexagon (`bucketRuns[bucketStart[h] .. bucketStart[h + 1])`), each bucket by first start. */
function runsByHexagon(runs: RunTable, hexes: number): RunLists {
  const { starts, values } = groupByKey(
    3 * runs.size,
    hexes,
    (slot) => runs.hexes[slot]!,
    (slot) => (slot / 3) | 0,
    runs.first,
  );
  return { bucketStart: starts, bucketRuns: values };
}
