/**
 * Getis-Ord Gi* z-scores of one time step with binary weights (SPEC §11): for location i,
 * Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1))), where w_ij = 1 for
 * the locations j in i's neighbourhood (i itself included), X̄ and S the mean and standard
 * deviation (population form) of x over all n locations. Gi* is a z-score. A time step where
 * every location has the same value, or a neighbourhood holding every location, gives z = 0.
 * @param x value of each location
 * @param neighbours neighbours[i]: the locations weighted 1 for i, itself included
 */
export function getisOrdGiStar(x: Float64Array, neighbours: readonly Int32Array[]): Float64Array {
  const n = x.length;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i += 1) {
    sum += x[i]!;
    squares += x[i]! * x[i]!;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, squares / n - mean * mean));
  const z = new Float64Array(n);
  if (n < 2 || !(s > 1e-12 * Math.max(1, Math.abs(mean)))) return z;
  for (let i = 0; i < n; i += 1) {
    const near = neighbours[i]!;
    let local = 0;
    for (let k = 0; k < near.length; k += 1) local += x[near[k]!]!;
    const w = near.length;
    // Binary weights: Σw = Σw² = w. A neighbourhood that is the whole area compares it with itself: z = 0.
    z[i] = w >= n ? 0 : (local - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
  }
  return z;
}
