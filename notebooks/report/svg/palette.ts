import type { Technology } from '../../../domain/enums.js';

/** One colour per technology, the same in every chart of the report. */
export const TECHNOLOGY_COLORS: Record<Technology, string> = {
  GSM: '#8c6d31',
  WCDMA: '#7b4173',
  LTE: '#3182bd',
  NR: '#31a354',
};

export const ABOVE_TARGET = '#d6604d';
export const WITHIN_TARGET = '#4393c3';
export const NEUTRAL = '#969696';

/** YlOrRd in six steps: light for few complaints, dark red for the most. */
const SEQUENTIAL = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/** The colour of `value` on a scale from 0 to `max` (square-root spaced: counts are skewed). */
export function sequentialColor(value: number, max: number): string {
  if (!(max > 0)) return SEQUENTIAL[0];
  const step = Math.min(SEQUENTIAL.length - 1, Math.floor(Math.sqrt(Math.max(0, value) / max) * SEQUENTIAL.length));
  return SEQUENTIAL[step]!;
}

/**
 * The legend's steps for whole-number values: [colour, lowest value drawn in it], light to dark,
 * leaving out steps no whole number falls in (with a small max several would repeat a label).
 */
export function sequentialSteps(max: number): [string, number][] {
  // Cells are drawn for counts of at least 1, so the lightest step starts there.
  const lowest = SEQUENTIAL.map((_, i) => Math.max(max >= 1 ? 1 : 0, Math.ceil(max * (i / SEQUENTIAL.length) ** 2)));
  const steps: [string, number][] = [];
  SEQUENTIAL.forEach((color, i) => {
    const next = lowest[i + 1];
    if (next === undefined || next > lowest[i]! || max <= 0) steps.push([color, lowest[i]!]);
  });
  return steps;
}
