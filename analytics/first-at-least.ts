/** The first position whose value is at least `value` in ascending `xs` (`xs.length` when none is): a binary search. */
export function firstAtLeast(xs: ArrayLike<number>, value: number): number {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
