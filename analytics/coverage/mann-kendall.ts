import { twoSidedP } from './two-sided-p.js';

/** Mann-Kendall trend test of one series. */
export interface MannKendall {
  /** S = Σ_{i<j} sign(x_j − x_i). */
  s: number;
  /** Var(S) with the tie correction. */
  variance: number;
  /** Normal approximation with continuity correction: (S − sign S) / √Var(S). */
  z: number;
  /** Two-sided p-value of z. */
  p: number;
}

/**
 * The Mann-Kendall test (Mann 1945, Kendall 1975; as in Gilbert 1987, §16.4): S, its variance
 * [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t tied values, z with the continuity
 * correction and a two-sided p. Fewer than 2 values, or all tied: S = 0, z = 0, p = 1.
 */
export function mannKendall(x: ArrayLike<number>): MannKendall {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n - 1; i += 1) {
    for (let j = i + 1; j < n; j += 1) s += Math.sign(x[j]! - x[i]!);
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm(x)) / 18;
  if (s === 0 || !(variance > 0)) return { s, variance, z: 0, p: 1 };
  const z = (s - Math.sign(s)) / Math.sqrt(variance);
  return { s, variance, z, p: twoSidedP(z) };
}

function tieTerm(x: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < x.length; i += 1) counts.set(x[i]!, (counts.get(x[i]!) ?? 0) + 1);
  let term = 0;
  for (const t of counts.values()) term += t * (t - 1) * (2 * t + 5);
  return term;
}
