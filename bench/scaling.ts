import type { ClusterRecord } from './clusters.js';
import type { IngestRecord } from './ingest.js';
import { emptySection, type Section } from './harness/section.js';
import { formatRatio, sizeLabel } from './harness/stats.js';

export const MAX_SLOPE = 1.5;

interface Line {
  name: string;
  points: { size: number; usPerRow: number }[];
}

/**
 * 6. The scaling line: time per complaint at each size for ingest (CSV, Parquet) and batch
 * detection, and the slope = largest / smallest per-complaint time, which must stay ≤ 1.5×.
 */
export function scalingSection(sizes: number[], ingest: IngestRecord[], clusters: ClusterRecord[]): Section {
  const lines: Line[] = [
    ...(['csv', 'parquet'] as const).map((format) => ({
      name: `ingest ${format}`,
      points: ingest
        .filter((r) => r.format === format && r.usPerRow !== undefined)
        .map((r) => ({ size: r.size, usPerRow: r.usPerRow! })),
    })),
    {
      name: 'batch detection (load + detect)',
      points: clusters.filter((r) => r.usPerRow !== undefined).map((r) => ({ size: r.size, usPerRow: r.usPerRow! })),
    },
  ];
  const steps = sizes.slice(1).map((s, i) => `${sizeLabel(sizes[i]!)}→${sizeLabel(s)} µs/extra complaint`);
  const headers = [
    ' line',
    ...sizes.map((s) => `${sizeLabel(s)} µs/complaint`),
    'slope (max/min)',
    'largest ÷ smallest size',
    ' within 1.5×',
    ...steps,
    'marginal slope',
  ];
  const section = emptySection('scaling', '6. Scaling line: µs per complaint by size', headers);
  for (const line of lines) {
    const us = line.points.map((p) => p.usPerRow);
    const slope = us.length >= 2 ? Math.max(...us) / Math.min(...us) : undefined;
    // Above 1: the cost per complaint grows with size; below 1: fixed costs dominate the small size.
    const trend = us.length >= 2 ? us.at(-1)! / us[0]! : undefined;
    const cells = sizes.map((s) => line.points.find((p) => p.size === s)?.usPerRow.toFixed(2) ?? '—');
    const verdict =
      slope === undefined
        ? `n/a (${us.length} size${us.length === 1 ? '' : 's'} measured)`
        : slope <= MAX_SLOPE
          ? 'yes'
          : 'no';
    const marginal = marginalCosts(line.points);
    const marginalSlope = marginal.length >= 2 ? Math.max(...marginal) / Math.min(...marginal) : undefined;
    const stepCells = sizes.slice(1).map((_, i) => marginal[i]?.toFixed(2) ?? '—');
    section.rows.push([
      line.name,
      ...cells,
      formatRatio(slope),
      formatRatio(trend),
      verdict,
      ...stepCells,
      formatRatio(marginalSlope),
    ]);
    section.records.push({ line: line.name, points: line.points, slope, trend, marginal, marginalSlope });
    section.targets.push({
      name: `scaling of ${line.name}`,
      goal: `slope ≤ ${MAX_SLOPE}×`,
      measured: formatRatio(slope),
      met: slope === undefined ? null : slope <= MAX_SLOPE,
    });
  }
  section.notes.push(
    'Per-complaint times are the medians of sections 1 and 2 (points sorted by size); slope = largest / ' +
      'smallest per-complaint time across the sizes of this run. "largest ÷ smallest size" tells the ' +
      'direction: above 1× the cost per complaint grows with the input (super-linear), below 1× a fixed cost ' +
      '(process, workers, database setup, whole-month passes) dominates the small size.',
    'µs/extra complaint = (time at the larger size − time at the smaller) / (complaints added): the cost of ' +
      'one more complaint with the fixed cost taken out; marginal slope = largest / smallest of those. A flat ' +
      'marginal cost with a falling per-complaint cost means linear scaling plus a fixed cost.',
  );
  return section;
}

/** Cost of each complaint added between consecutive sizes, µs: the slope of total time against size. */
function marginalCosts(points: readonly { size: number; usPerRow: number }[]): number[] {
  const sorted = [...points].sort((a, b) => a.size - b.size);
  return sorted.slice(1).map((p, i) => {
    const q = sorted[i]!;
    return (p.usPerRow * p.size - q.usPerRow * q.size) / (p.size - q.size);
  });
}
