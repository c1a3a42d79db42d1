import { CATEGORIES, type Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { complaintColumnsOf, type ComplaintColumns } from './complaint-columns.js';
import { HexLists } from './hex-lists.js';
import { HexTable } from './hex-table.js';
import { forEachMemberSet } from './member-sets.js';
import { RowUnion } from './row-union.js';
import { RunTable, unionTouchingRuns } from './run-table.js';
import { SetScanner } from './set-scan.js';
import { describeIncident } from '../describe-incident.js';
import {
  DEFAULT_MIN_COUNT,
  DEFAULT_WINDOW_MS,
  type DetectOptions,
  type DetectedIncident,
  type Detection,
} from '../rule.js';

/** An incident as row numbers of the columns it was found in, before its complaints are read. */
export interface FoundIncident {
  category: Category;
  /** Rows of its complaints, any order. */
  rows: number[];
  /** The largest count of its qualifying groups. */
  peak: number;
}

/**
 * The incidents of `detectClusters` (SPEC §3) found on typed columns: the same member sets,
 * window scan and merge rule, with complaints as row numbers joined in a union-find instead of
 * objects in groups — so only the complaints that end up in an incident are ever read whole
 * (`describeFound`). This is what the store runs; the enumeration stays as the readable
 * reference it is tested against.
 */
export function findIncidents(columns: ComplaintColumns, options: DetectOptions = {}): FoundIncident[] {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const table = new HexTable(columns.hexes);
  const lists = new HexLists(columns);
  const rows = new RowUnion(columns.size);
  const runs = new RunTable();
  const scanner = new SetScanner(table, lists, rows, runs, windowMs, minCount);
  const found: FoundIncident[] = [];
  for (let cat = 0; cat < CATEGORIES.length; cat += 1) {
    runs.clear();
    forEachMemberSet(
      table,
      (h) => lists.count(cat, h) > 0,
      (middle, a, b, c) => scanner.scan(cat, middle, a, b, c),
    );
    if (runs.size === 0) continue;
    unionTouchingRuns(runs, table, rows, windowMs);
    const peaks = peaksByRoot(runs, rows);
    for (const [root, members] of flaggedByRoot(cat, columns.hexes.length, lists, scanner.flagged, rows)) {
      found.push({ category: CATEGORIES[cat]!, rows: members, peak: peaks.get(root) ?? 0 });
    }
  }
  return found;
}

/** The SPEC §3 incidents of `found`, given its complaints by row. */
export function describeFound(
  found: readonly FoundIncident[],
  complaintAt: (row: number) => ClusterComplaint,
): DetectedIncident[] {
  return found.map((f) => describeIncident(f.category, f.rows.map(complaintAt), f.peak));
}

/** `findIncidents` over complaints in memory, answered like `detectClusters`. */
export function columnarClusters(complaints: readonly ClusterComplaint[], options: DetectOptions = {}): Detection {
  const incidents = describeFound(findIncidents(complaintColumnsOf(complaints), options), (row) => complaints[row]!);
  return { flagged: new Set(incidents.flatMap((i) => i.complaint_ids)), incidents };
}

/** The flagged rows of category index `cat`, grouped by their union-find root. */
function flaggedByRoot(
  cat: number,
  hexes: number,
  lists: HexLists,
  flagged: Uint8Array,
  rows: RowUnion,
): Map<number, number[]> {
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
