import { CATEGORIES } from '../../domain/enums.js';
import type { ClusterComplaint } from '../../domain/incident.js';
import { DEFAULT_MIN_COUNT, DEFAULT_WINDOW_MS, type DetectOptions, type Detection } from './batch-detector.js';
import { columnsOf, type ComplaintColumns } from './complaint-columns.js';
import { HexLists } from './hex-lists.js';
import { HexTable } from './hex-table.js';
import { describeIncident, type DetectedIncident } from './incident-merge.js';
import { forEachMemberSet } from './member-sets.js';
import { RowUnion } from './row-union.js';
import { RunTable, unionTouchingRuns } from './run-table.js';
import { SetScanner } from './set-scan.js';

/**
 * The incidents of `detectClusters` (SPEC §3) computed on typed columns: the same member sets,
 * window scan and merge rule, with complaints as row numbers joined in a union-find instead of
 * objects in groups. Only the complaints that end up in an incident become objects. This is
 * what the store runs; the enumeration stays as the readable reference it is tested against.
 */
export function detectColumns(columns: ComplaintColumns, options: DetectOptions = {}): DetectedIncident[] {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const table = new HexTable(columns.hexes);
  const lists = new HexLists(columns);
  const rows = new RowUnion(columns.size);
  const runs = new RunTable();
  const scanner = new SetScanner(lists, columns.t, rows, runs, windowMs, minCount);
  const incidents: DetectedIncident[] = [];
  for (let cat = 0; cat < CATEGORIES.length; cat += 1) {
    runs.clear();
    forEachMemberSet(table, (h) => lists.count(cat, h) > 0, (a, b, c) => scanner.scan(cat, a, b, c));
    if (runs.size === 0) continue;
    unionTouchingRuns(runs, table, rows, windowMs);
    const peaks = peaksByRoot(runs, rows);
    for (const [root, members] of flaggedByRoot(cat, columns.hexes.length, lists, scanner.flagged, rows)) {
      incidents.push(describeIncident(CATEGORIES[cat]!, members.map((row) => columns.complaint(row)), peaks.get(root) ?? 0));
    }
  }
  return incidents;
}

/** `detectColumns` over complaints in memory, answered like `detectClusters`. */
export function columnarClusters(complaints: readonly ClusterComplaint[], options: DetectOptions = {}): Detection {
  const incidents = detectColumns(columnsOf(complaints), options);
  return { flagged: new Set(incidents.flatMap((i) => i.complaint_ids)), incidents };
}

/** The flagged rows of category index `cat`, grouped by their union-find root. */
function flaggedByRoot(cat: number, hexes: number, lists: HexLists, flagged: Uint8Array, rows: RowUnion): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let h = 0; h < hexes; h += 1) {
    for (let i = lists.from(cat, h), end = lists.to(cat, h); i < end; i += 1) {
      const row = lists.order[i]!;
      if (flagged[row] === 0) continue;
      const root = rows.find(row);
      const members = groups.get(root);
      if (members) members.push(row);
      else groups.set(root, [row]);
    }
  }
  return groups;
}

/** The largest peak of the runs joined under each root. */
function peaksByRoot(runs: RunTable, rows: RowUnion): Map<number, number> {
  const peaks = new Map<number, number>();
  for (let r = 0; r < runs.size; r += 1) {
    const root = rows.find(runs.rep[r]!);
    peaks.set(root, Math.max(peaks.get(root) ?? 0, runs.peak[r]!));
  }
  return peaks;
}
