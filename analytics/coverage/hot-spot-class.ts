import type { MannKendall } from './mann-kendall.js';

import type { HotSpotClass } from '../../domain/coverage.js';

export { HOT_SPOT_CLASSES, type HotSpotClass } from '../../domain/coverage.js';

/** Significance level of a hot or cold time step and of the trend. */
export const HOT_SPOT_ALPHA = 0.05;

/**
 * One class per location from its Gi* z and p per time step (oldest first) and the
 * Mann-Kendall trend of its z-scores, as ESRI's Emerging Hot Spot Analysis defines them. A step
 * is hot when p ≤ 0.05 and z > 0, cold when p ≤ 0.05 and z < 0; "90 %" is of all steps.
 * - new: hot in the final step only; never hot before.
 * - consecutive: one uninterrupted run of at least two hot steps ending with the final one,
 *   never hot before the run, and fewer than 90 % of steps hot.
 * - intensifying: hot in at least 90 % of steps including the final one, with a significant
 *   increasing trend (Mann-Kendall z > 0, p ≤ 0.05).
 * - persistent: hot in at least 90 % of steps including the final one, no significant trend.
 * - diminishing: hot in at least 90 % of steps including the final one, with a significant
 *   decreasing trend.
 * - sporadic: hot in the final step, on and off before (not one run), fewer than 90 % of
 *   steps hot, never cold.
 * - oscillating: hot in the final step, hot before too (not one run), and cold in some earlier
 *   step; fewer than 90 % of steps hot.
 * - historical: not hot in the final step, but hot in at least 90 % of steps.
 * - none: anything else. ESRI's cold-spot classes (new, consecutive, … cold spot) are folded
 *   into none: coverage planning asks where complaints concentrate, not where they are rare.
 * Where the definitions overlap, the order above decides (a first hot step after cold ones is
 * new, not oscillating).
 */
export function hotSpotClass(z: ArrayLike<number>, p: ArrayLike<number>, trend: MannKendall): HotSpotClass {
  const n = z.length;
  if (n === 0) return 'none';
  const hot = Array.from({ length: n }, (_, t) => p[t]! <= HOT_SPOT_ALPHA && z[t]! > 0);
  const cold = Array.from({ length: n }, (_, t) => p[t]! <= HOT_SPOT_ALPHA && z[t]! < 0);
  const hotSteps = hot.filter(Boolean).length;
  const mostly = hotSteps >= 0.9 * n;
  const final = hot[n - 1]!;
  if (!final) return mostly ? 'historical' : 'none';
  if (mostly) return trendClass(trend);
  if (hotSteps === 1) return 'new';
  if (finalRun(hot) === hotSteps) return 'consecutive';
  return cold.some(Boolean) ? 'oscillating' : 'sporadic';
}

function trendClass(trend: MannKendall): HotSpotClass {
  if (trend.p > HOT_SPOT_ALPHA || trend.z === 0) return 'persistent';
  return trend.z > 0 ? 'intensifying' : 'diminishing';
}

function finalRun(hot: readonly boolean[]): number {
  let run = 0;
  for (let t = hot.length - 1; t >= 0 && hot[t]; t -= 1) run += 1;
  return run;
}

/** Classes by what they mean for site planning: lasting and growing hot spots first. */
const REGION_PRIORITY: readonly HotSpotClass[] = [
  'intensifying',
  'persistent',
  'consecutive',
  'new',
  'diminishing',
  'sporadic',
  'oscillating',
  'historical',
  'none',
];

/** The leading class of a region's hexagons (REGION_PRIORITY order); none for no hexagon. */
export function regionClass(classes: readonly HotSpotClass[]): HotSpotClass {
  return REGION_PRIORITY.find((c) => classes.includes(c)) ?? 'none';
}
