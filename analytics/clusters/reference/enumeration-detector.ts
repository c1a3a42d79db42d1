import type { Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { byTimeThenId, DEFAULT_MIN_COUNT, DEFAULT_WINDOW_MS, type DetectOptions, type Detection } from '../rule.js';
import { candidateSets } from './candidate-sets.js';
import { buildIncidents, type ClusterGroup } from './group-merge.js';
import { scanWindows } from './window-scan.js';

/**
 * Finds every qualifying group (SPEC §3) among located complaints — same category, a sliding
 * half-open 60-minute window, a connected set of up to three H3 hexagons, at least six
 * complaints — and merges the groups into incidents. Exact: the candidate hexagon sets cover
 * every connected set of ≤ 3 hexagons (see `candidateSets`), and every window start is tried.
 * @param complaints any order; `t` in epoch ms, `h3` at one resolution.
 */
export function detectClusters(complaints: readonly ClusterComplaint[], options: DetectOptions = {}): Detection {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const groups: ClusterGroup[] = [];
  for (const [category, byHex] of indexByCategoryAndHex(complaints)) {
    for (const members of candidateSets(new Set(byHex.keys()))) {
      const lists = members.map((h) => byHex.get(h)!);
      if (lists.reduce((n, l) => n + l.length, 0) < minCount) continue;
      const merged = mergeByTime(lists, complaints);
      for (const run of scanWindows(merged.times, merged.ids, windowMs, minCount, merged.slots)) {
        groups.push({ category, hexes: members.filter((_, k) => run.mask & (1 << k)), ...run });
      }
    }
  }
  const incidents = buildIncidents(groups, complaints, windowMs);
  const flagged = new Set(incidents.flatMap((i) => i.complaint_ids));
  return { flagged, incidents };
}

/** Complaint indices per category and hexagon, each list sorted by time then id. */
function indexByCategoryAndHex(complaints: readonly ClusterComplaint[]): Map<Category, Map<string, number[]>> {
  const index = new Map<Category, Map<string, number[]>>();
  complaints.forEach((c, i) => {
    let byHex = index.get(c.category);
    if (!byHex) {
      byHex = new Map();
      index.set(c.category, byHex);
    }
    const list = byHex.get(c.h3);
    if (list) list.push(i);
    else byHex.set(c.h3, [i]);
  });
  const order = (a: number, b: number): number => byTimeThenId(complaints[a]!, complaints[b]!);
  for (const byHex of index.values()) for (const list of byHex.values()) list.sort(order);
  return index;
}

/** Merges up to three time-sorted index lists into parallel (times, ids, list index) arrays. */
function mergeByTime(
  lists: readonly number[][],
  complaints: readonly ClusterComplaint[],
): { times: Float64Array; ids: Int32Array; slots: Uint8Array } {
  const total = lists.reduce((n, l) => n + l.length, 0);
  const times = new Float64Array(total);
  const ids = new Int32Array(total);
  const slots = new Uint8Array(total);
  const heads = lists.map(() => 0);
  for (let k = 0; k < total; k += 1) {
    let best = -1;
    for (let l = 0; l < lists.length; l += 1) {
      const idx = lists[l]![heads[l]!];
      if (idx === undefined) continue;
      if (best < 0 || complaints[idx]!.t < complaints[lists[best]![heads[best]!]!]!.t) best = l;
    }
    const idx = lists[best]![heads[best]!]!;
    heads[best]! += 1;
    times[k] = complaints[idx]!.t;
    ids[k] = idx;
    slots[k] = best;
  }
  return { times, ids, slots };
}
