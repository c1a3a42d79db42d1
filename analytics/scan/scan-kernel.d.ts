/** A scan over one category and study period, as typed arrays (built by `buildScanProblem`). */
export interface ScanProblem {
  /** C: complaints of the category in the study period. */
  total: number;
  /** Number of windows (1, 2, 3, 6, 12, 24 h: 6). */
  windows: number;
  /** N_W: complaints (all zones) in each window, cumulative over window classes. */
  windowTotals: Float64Array;
  /** N_Z: complaints in each zone over the whole study period. */
  zoneTotals: Float64Array;
  /** Zones holding hexagon h: hexZones[hexZoneStart[h] .. hexZoneStart[h + 1]). */
  hexZoneStart: Int32Array;
  hexZones: Int32Array;
  /** Hexagon of every complaint in the study period. */
  locHex: Int32Array;
  /** Window class of each recent time (0: the last hour; k: in window k but not k - 1). */
  recentClass: Uint8Array;
  /** Complaint that holds each recent time in the data. */
  recentLoc: Int32Array;
  /** ln N_Z per zone, ln(N_W / C) per window, and c ln c for c in 0..C. */
  lnZone: Float64Array;
  lnWindow: Float64Array;
  xlnx: Float64Array;
}

export interface ScanScratch {
  counts: Uint16Array | Int32Array;
  touched: Int32Array;
  mark: Uint8Array;
  perm: Uint16Array | Int32Array;
  swaps: Int32Array;
  hexOfRecent: Int32Array;
}

export type ClusterVisitor = (zone: number, window: number, observed: number, expected: number, llr: number) => void;

export declare function logTables(
  zoneTotals: Float64Array,
  windowTotals: Float64Array,
  total: number,
): { lnZone: Float64Array; lnWindow: Float64Array; xlnx: Float64Array };
export declare function scratchFor(problem: ScanProblem): ScanScratch;
export declare function maxLlr(
  problem: ScanProblem,
  hexOfRecent: Int32Array,
  scratch: ScanScratch,
  visit?: ClusterVisitor,
): number;
export declare function observedHexes(problem: ScanProblem): Int32Array;
export declare function replicateMaxima(problem: ScanProblem, from: number, to: number, seed: number): Float64Array;
