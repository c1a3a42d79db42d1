/** Points of the seed's appraisal: 4 for the complaint rate, 5 for commitment compliance. */
export const RATE_POINTS = 4;
export const COMPLIANCE_POINTS = 5;
/** Compliance this far below its target (a fraction: twenty percentage points) earns nothing. */
export const COMPLIANCE_SPAN = 0.2;
// Rates and fractions come from integer counts; a difference this small is float noise at a boundary.
const EPSILON = 1e-9;

/**
 * Rate points (0–4): full at or below `target`, falling linearly to 0 at twice the target.
 * A target of 0 gives full points only to a rate of 0. Not rounded.
 */
export function ratePoints(rate: number, target: number): number {
  if (rate <= target * (1 + EPSILON)) return RATE_POINTS;
  if (target <= 0 || rate >= 2 * target * (1 - EPSILON)) return 0;
  return (RATE_POINTS * (2 * target - rate)) / target;
}

/** Compliance points (0–5): full at or above `target`, falling linearly to 0 at `target - 0.20`. Not rounded. */
export function compliancePoints(compliance: number, target: number): number {
  const shortfall = target - compliance;
  if (shortfall <= EPSILON) return COMPLIANCE_POINTS;
  if (shortfall >= COMPLIANCE_SPAN - EPSILON) return 0;
  return COMPLIANCE_POINTS * (1 - shortfall / COMPLIANCE_SPAN);
}
