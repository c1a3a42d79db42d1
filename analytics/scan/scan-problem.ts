import { gridDisk } from 'h3-js';
import { logTables, type ScanProblem } from './scan-kernel.js';

const HOUR = 3_600_000;

/** Windows of the prospective scan, hours, all ending at the analysis time (SPEC §11). */
export const SCAN_WINDOWS_HOURS = [1, 2, 3, 6, 12, 24] as const;

/** Days of baseline before the longest window (SPEC §11). */
export const BASELINE_DAYS = 28;

/** Complaints of one category in the study period, as typed columns. */
export interface ScanInput {
  /** Hexagon dictionary: a complaint's `hex` is a position in it. */
  hexes: readonly string[];
  hex: Int32Array;
  /** received_at, epoch ms; every value in (studyStart(at), at]. */
  t: Float64Array;
  /** Analysis time, epoch ms: every window ends here. */
  at: number;
  /** For each hexagon, `neighboursInData(hexes)` when already known (several categories share one look-up). */
  neighbours?: readonly (readonly number[])[];
}

/** A problem and how to name its zones. */
export interface BuiltProblem {
  problem: ScanProblem;
  /** Hexagons of zone z: zones [0, H) are single hexagons, [H, 2H) the disks of radius 1. */
  zoneHexes: (zone: number) => string[];
}

/** Start of the study period (exclusive), epoch ms: the baseline plus the longest window. */
export function studyStart(at: number): number {
  return at - BASELINE_DAYS * 24 * HOUR - SCAN_WINDOWS_HOURS[SCAN_WINDOWS_HOURS.length - 1]! * HOUR;
}

/**
 * The typed arrays of a scan: zones of 1 and 7 hexagons centred on every hexagon with a
 * complaint in the study period (as SaTScan centres circles on the data's locations), N_Z
 * and N_W for the permutation model's expected counts, and each recent complaint's window class.
 */
export function buildScanProblem(input: ScanInput): BuiltProblem {
  const h = input.hexes.length;
  const hexTotals = new Float64Array(h);
  for (const x of input.hex) hexTotals[x] = hexTotals[x]! + 1;
  const near = input.neighbours ?? neighboursInData(input.hexes);
  const { start, zones } = zoneLists(near);
  const zoneTotals = new Float64Array(2 * h);
  zoneTotals.set(hexTotals);
  near.forEach((list, centre) =>
    list.forEach((x) => (zoneTotals[h + centre] = zoneTotals[h + centre]! + hexTotals[x]!)),
  );
  const { recentClass, recentLoc, windowTotals } = recentTimes(input);
  const problem: ScanProblem = {
    total: input.hex.length,
    windows: SCAN_WINDOWS_HOURS.length,
    windowTotals,
    zoneTotals,
    hexZoneStart: start,
    hexZones: zones,
    locHex: input.hex,
    recentClass,
    recentLoc,
    ...logTables(zoneTotals, windowTotals, input.hex.length),
  };
  return { problem, zoneHexes: (z) => (z < h ? [input.hexes[z]!] : gridDisk(input.hexes[z - h]!, 1).sort()) };
}

/** For each hexagon, the positions of the data's hexagons within grid distance 1 (itself included), gridDisk order. */
export function neighboursInData(hexes: readonly string[]): number[][] {
  const position = new Map(hexes.map((x, i) => [x, i]));
  return hexes.map((x) =>
    gridDisk(x, 1)
      .map((n) => position.get(n))
      .filter((i): i is number => i !== undefined),
  );
}

// Zones holding each hexagon: its own single zone and the disks centred on its data neighbours.
function zoneLists(near: readonly (readonly number[])[]): { start: Int32Array; zones: Int32Array } {
  const h = near.length;
  const start = new Int32Array(h + 1);
  near.forEach((list, x) => (start[x + 1] = start[x]! + 1 + list.length));
  const zones = new Int32Array(start[h]!);
  near.forEach((list, x) => {
    zones[start[x]!] = x;
    list.forEach((n, i) => (zones[start[x]! + 1 + i] = h + n));
  });
  return { start, zones };
}

// Window class of each complaint in the longest window: 0 in the last hour, k in window k but
// not in window k - 1; windows are half-open on the left, (at - w, at].
function recentTimes(input: ScanInput): { recentClass: Uint8Array; recentLoc: Int32Array; windowTotals: Float64Array } {
  const bounds = SCAN_WINDOWS_HOURS.map((w) => input.at - w * HOUR);
  const classes: number[] = [];
  const locs: number[] = [];
  const oldest = bounds[bounds.length - 1]!;
  // A plain loop: this runs over every complaint of the study period (a quarter of a million at 1M a month).
  for (let i = 0; i < input.t.length; i += 1) {
    const t = input.t[i]!;
    if (t <= oldest || t > input.at) continue;
    let k = 0;
    while (t <= bounds[k]!) k += 1;
    classes.push(k);
    locs.push(i);
  }
  const windowTotals = new Float64Array(SCAN_WINDOWS_HOURS.length);
  classes.forEach((k) => (windowTotals[k] = windowTotals[k]! + 1));
  for (let k = 1; k < windowTotals.length; k += 1) windowTotals[k] = windowTotals[k]! + windowTotals[k - 1]!;
  return { recentClass: Uint8Array.from(classes), recentLoc: Int32Array.from(locs), windowTotals };
}
