import { firstAtLeast } from '../first-at-least.js';
import { maxLlr, observedHexes, scratchFor } from './scan-kernel.js';
import { buildScanProblem, SCAN_WINDOWS_HOURS, type ScanInput } from './scan-problem.js';
import type { ScanWorkers } from './scan-workers.js';

const HOUR = 3_600_000;

/** An incident as the scan sees it: its hexagons and span (epoch ms). */
export interface ScanIncident {
  incident_id: string;
  hexes: readonly string[];
  start: number;
  end: number;
}

export interface ScanOptions {
  /** Monte Carlo replicates (SPEC §11: at least 999). */
  replicates: number;
  seed: number;
  /** For the recurrence interval: 1 / (p × analyses per day); 24 when analyses are hourly. */
  analysesPerDay: number;
  workers: ScanWorkers;
  /** Secondary clusters with a larger p-value are left out (1: keep all). */
  maxP: number;
  /** At most this many non-overlapping clusters (incidents' best clusters come on top). */
  limit: number;
}

/** One zone-window of the scan with its statistics. */
export interface ScanCluster {
  hexes: string[];
  /** Window bounds, epoch ms: (start, end]. */
  start: number;
  end: number;
  observed: number;
  expected: number;
  llr: number;
  p_value: number;
  recurrence_interval_days: number;
  incident_ids: string[];
}

export interface ScanResult {
  /** Non-overlapping clusters by LLR, then the best cluster of each incident not among them. */
  clusters: ScanCluster[];
  /** Position in `clusters` of each analysed incident's best overlapping cluster. */
  incidentBest: Map<string, number>;
  /** The most likely cluster's LLR and p-value (LLR 0 and p 1 when nothing exceeds its expectation). */
  mostLikely: { llr: number; p_value: number };
}

interface Candidates {
  zone: number[];
  window: number[];
  observed: number[];
  expected: number[];
  llr: number[];
}

/**
 * A prospective space-time permutation scan (Kulldorff, Heffernan, Hartman, Assunção and
 * Mostashari 2005) of one category: expected counts μ = N_Z × N_W / N, the Poisson LLR for every
 * zone (1 and 7 hexagons) and window ending at `input.at`, the maximum compared with the maxima
 * of `replicates` data sets whose times are permuted among the complaints, p = rank / (R + 1).
 */
export async function spaceTimeScan(
  input: ScanInput,
  incidents: readonly ScanIncident[],
  options: ScanOptions,
): Promise<ScanResult> {
  const { problem, zoneHexes } = buildScanProblem(input);
  const found = observedCandidates(problem);
  const maxima = (await options.workers.maxima(problem, options.replicates, options.seed)).sort();
  const pOf = (llr: number): number => pValue(llr, maxima);
  const order = found.llr.map((_, i) => i).sort((a, b) => found.llr[b]! - found.llr[a]! || a - b);
  const hexesOf = memo(zoneHexes);
  const picked = nonOverlapping(order, found, hexesOf, pOf, options);
  const incidentBest = new Map<string, number>();
  for (const incident of incidents) {
    const best = order.find((i) =>
      overlaps(incident, hexesOf(found.zone[i]!), windowStart(input.at, found.window[i]!), input.at),
    );
    if (best === undefined) continue;
    if (!picked.includes(best)) picked.push(best);
    incidentBest.set(incident.incident_id, picked.indexOf(best));
  }
  const clusters = picked.map((i) => describe(i, found, hexesOf, pOf, input.at, incidents, options.analysesPerDay));
  const top = order[0];
  return {
    clusters,
    incidentBest,
    mostLikely: top === undefined ? { llr: 0, p_value: 1 } : { llr: found.llr[top]!, p_value: pOf(found.llr[top]!) },
  };
}

/** Monte Carlo p-value: (1 + replicates whose maximum LLR reaches `llr`) / (R + 1); `sorted` ascending. */
export function pValue(llr: number, sorted: Float64Array): number {
  // Equal configurations give equal floats; the margin only absorbs summation order.
  const reaching = sorted.length - firstAtLeast(sorted, llr * (1 - 1e-12));
  return (1 + reaching) / (sorted.length + 1);
}

/** A zone-window whose observed count exceeds its expectation. */
export interface ZoneWindow {
  hexes: string[];
  window_hours: number;
  observed: number;
  expected: number;
  llr: number;
}

/** Every zone-window of the data whose observed count exceeds its expected count (no replicates). */
export function excessZoneWindows(input: ScanInput): ZoneWindow[] {
  const { problem, zoneHexes } = buildScanProblem(input);
  const found = observedCandidates(problem);
  return found.zone.map((zone, i) => ({
    hexes: zoneHexes(zone),
    window_hours: SCAN_WINDOWS_HOURS[found.window[i]!]!,
    observed: found.observed[i]!,
    expected: found.expected[i]!,
    llr: found.llr[i]!,
  }));
}

function observedCandidates(problem: Parameters<typeof maxLlr>[0]): Candidates {
  const found: Candidates = { zone: [], window: [], observed: [], expected: [], llr: [] };
  maxLlr(problem, observedHexes(problem), scratchFor(problem), (zone, window, observed, expected, llr) => {
    found.zone.push(zone);
    found.window.push(window);
    found.observed.push(observed);
    found.expected.push(expected);
    found.llr.push(llr);
  });
  return found;
}

// SaTScan's secondary clusters with no geographical overlap: by LLR, each zone sharing no
// hexagon with a stronger one kept. A single complaint is never reported as a cluster.
function nonOverlapping(
  order: readonly number[],
  found: Candidates,
  hexesOf: (zone: number) => string[],
  pOf: (llr: number) => number,
  options: ScanOptions,
): number[] {
  const used = new Set<string>();
  const picked: number[] = [];
  for (const i of order) {
    if (picked.length >= options.limit || pOf(found.llr[i]!) > options.maxP) break;
    const hexes = hexesOf(found.zone[i]!);
    if (found.observed[i]! < 2 || hexes.some((h) => used.has(h))) continue;
    hexes.forEach((h) => used.add(h));
    picked.push(i);
  }
  return picked;
}

function describe(
  i: number,
  found: Candidates,
  hexesOf: (zone: number) => string[],
  pOf: (llr: number) => number,
  at: number,
  incidents: readonly ScanIncident[],
  perDay: number,
): ScanCluster {
  const hexes = hexesOf(found.zone[i]!);
  const start = windowStart(at, found.window[i]!);
  const p = pOf(found.llr[i]!);
  return {
    hexes,
    start,
    end: at,
    observed: found.observed[i]!,
    expected: found.expected[i]!,
    llr: found.llr[i]!,
    p_value: p,
    recurrence_interval_days: 1 / (p * perDay),
    incident_ids: incidents
      .filter((incident) => overlaps(incident, hexes, start, at))
      .map((x) => x.incident_id)
      .sort(),
  };
}

function windowStart(at: number, window: number): number {
  return at - SCAN_WINDOWS_HOURS[window]! * HOUR;
}

// An incident overlaps a zone-window when they share a hexagon and its span meets (start, end].
function overlaps(incident: ScanIncident, hexes: readonly string[], start: number, end: number): boolean {
  return incident.end > start && incident.start <= end && hexes.some((h) => incident.hexes.includes(h));
}

function memo(fn: (zone: number) => string[]): (zone: number) => string[] {
  const cache = new Map<number, string[]>();
  return (zone) => {
    let hexes = cache.get(zone);
    if (hexes === undefined) {
      hexes = fn(zone);
      cache.set(zone, hexes);
    }
    return hexes;
  };
}
