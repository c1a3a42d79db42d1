/**
 * Groups items 0..count-1 by an integer key in 0..keys-1 (a negative key skips the item) with one
 * counting sort: group k is `values[starts[k] .. starts[k + 1])`, in item order, then sorted by
 * `by[value]` where that order does not already hold — so input that arrives ordered costs one pass.
 */
export function groupByKey(
  count: number,
  keys: number,
  keyOf: (item: number) => number,
  valueAt: (item: number) => number,
  by: ArrayLike<number>,
): { starts: Int32Array; values: Int32Array } {
  const starts = new Int32Array(keys + 1);
  for (let i = 0; i < count; i += 1) {
    const k = keyOf(i);
    if (k >= 0) starts[k + 1]! += 1;
  }
  for (let k = 0; k < keys; k += 1) starts[k + 1]! += starts[k]!;
  const next = starts.slice(0, keys);
  const values = new Int32Array(starts[keys]!);
  for (let i = 0; i < count; i += 1) {
    const k = keyOf(i);
    if (k >= 0) values[next[k]!++] = valueAt(i);
  }
  for (let k = 0; k < keys; k += 1) sortGroup(values.subarray(starts[k]!, starts[k + 1]!), by);
  return { starts, values };
}

function sortGroup(group: Int32Array, by: ArrayLike<number>): void {
  for (let i = 1; i < group.length; i += 1) {
    if (by[group[i]!]! < by[group[i - 1]!]!) {
      group.sort((a, b) => by[a]! - by[b]!);
      return;
    }
  }
}

/** First position in [from, to) of the non-decreasing `values` that is at least `v`. */
export function lowerBound(values: ArrayLike<number>, from: number, to: number, v: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (values[mid]! >= v) to = mid;
    else from = mid + 1;
  }
  return from;
}
