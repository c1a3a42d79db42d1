import type { Category, ResolutionKind } from '../../domain/enums.js';
import type { Prng } from './prng.js';

/** The work-order outcome of a complaint: first reply, resolution and follow-up visit. */
export interface WorkOrderFields {
  repliedAt?: number;
  resolvedAt?: number;
  resolution?: ResolutionKind;
  satisfied?: boolean;
}

/** How each category tends to be handled (relative weights). */
const RESOLUTION_WEIGHTS: Readonly<Record<Category, Readonly<Record<ResolutionKind, number>>>> = {
  weak_coverage: { construction: 0.25, optimisation: 0.35, explained: 0.3, fault_repair: 0.05, unresolved: 0.05 },
  no_signal: { construction: 0.2, optimisation: 0.35, explained: 0.25, fault_repair: 0.15, unresolved: 0.05 },
  no_service: { fault_repair: 0.5, optimisation: 0.2, explained: 0.2, construction: 0.05, unresolved: 0.05 },
  call_drop: { optimisation: 0.45, fault_repair: 0.3, explained: 0.15, construction: 0.05, unresolved: 0.05 },
  slow_data: { optimisation: 0.5, explained: 0.25, fault_repair: 0.1, construction: 0.1, unresolved: 0.05 },
  voice_quality: { optimisation: 0.45, fault_repair: 0.25, explained: 0.25, construction: 0, unresolved: 0.05 },
  other: { explained: 0.7, optimisation: 0.1, fault_repair: 0.1, construction: 0, unresolved: 0.1 },
};

/** Hours from the first reply to the fix, [min, max), by how it was fixed. */
const HOURS_TO_RESOLVE: Readonly<Record<Exclude<ResolutionKind, 'unresolved'>, readonly [number, number]>> = {
  explained: [0, 2],
  fault_repair: [2, 48],
  optimisation: [24, 240],
  construction: [480, 2160],
};

/** Answers at the follow-up visit: satisfied, not satisfied, or no answer. */
const FOLLOW_UP = {
  resolved: { true: 0.88, false: 0.05, none: 0.07 },
  late: { true: 0.7, false: 0.2, none: 0.1 },
  unresolved: { true: 0.25, false: 0.5, none: 0.25 },
} as const;

/**
 * Draws a realistic work-order outcome: ~89% first replies within 24 h (median ~2 h), ~7% late
 * (1–4 days), ~4% never; most replied complaints resolved, satisfaction mostly positive and lower
 * after a late reply or no fix. Times are whole seconds after `receivedAt` (epoch ms).
 */
export function drawWorkOrder(receivedAt: number, category: Category, prng: Prng): WorkOrderFields {
  const u = prng.next();
  if (u < 0.04) return {};
  const late = u < 0.11;
  const replyHours = late ? prng.uniform(24.5, 96) : Math.min(23.5, Math.max(0.08, 2 * Math.exp(prng.normal())));
  const repliedAt = receivedAt + Math.round(replyHours * 3600) * 1000;
  const resolution = prng.weighted(RESOLUTION_WEIGHTS[category]);
  if (resolution === 'unresolved') {
    return { repliedAt, resolution, ...followUp(prng, FOLLOW_UP.unresolved) };
  }
  const [lo, hi] = HOURS_TO_RESOLVE[resolution];
  const resolvedAt = repliedAt + Math.round(prng.uniform(lo, hi) * 3600) * 1000;
  return { repliedAt, resolvedAt, resolution, ...followUp(prng, late ? FOLLOW_UP.late : FOLLOW_UP.resolved) };
}

function followUp(prng: Prng, weights: { true: number; false: number; none: number }): { satisfied?: boolean } {
  const answer = prng.weighted(weights);
  return answer === 'none' ? {} : { satisfied: answer === 'true' };
}
