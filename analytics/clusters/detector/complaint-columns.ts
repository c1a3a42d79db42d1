import { CATEGORIES } from '../../../domain/enums.js';
import { CellpulseError } from '../../../domain/errors.js';
import type { ClusterComplaint } from '../../../domain/incident.js';

/**
 * Located complaints as parallel typed columns: what the columnar detector reads per complaint
 * (category, hexagon, time) without one object per complaint. The rest of a complaint (id,
 * city, point) is read only for the complaints that end up in an incident.
 */
export interface ComplaintColumns {
  readonly size: number;
  /** Position of the category in CATEGORIES. */
  readonly category: Uint8Array;
  /** Position of the H3 cell in `hexes`. */
  readonly hex: Int32Array;
  /** received_at, epoch ms. */
  readonly t: Float64Array;
  /** The H3 cells (one resolution), each once. */
  readonly hexes: readonly string[];
}

const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));

/**
 * The position of the complaint's category in CATEGORIES, having checked what both detectors
 * need of a complaint (a known category, a finite time).
 * @throws CellpulseError invalid_parameter on an unknown category or a non-finite time.
 */
export function categoryIndexOf(c: ClusterComplaint): number {
  const cat = CATEGORY_INDEX.get(c.category);
  if (cat === undefined) throw new CellpulseError('invalid_parameter', 'unknown complaint category', c.category);
  if (!Number.isFinite(c.t))
    throw new CellpulseError('invalid_parameter', 'complaint time must be finite epoch ms', c.complaint_id);
  return cat;
}

/**
 * Columns over complaints already in memory (tests, small re-detections).
 * @throws CellpulseError invalid_parameter on an unknown category or a non-finite time.
 */
export function complaintColumnsOf(complaints: readonly ClusterComplaint[]): ComplaintColumns {
  const size = complaints.length;
  const category = new Uint8Array(size);
  const hex = new Int32Array(size);
  const t = new Float64Array(size);
  const hexIds = new Map<string, number>();
  complaints.forEach((c, i) => {
    category[i] = categoryIndexOf(c);
    t[i] = c.t;
    let id = hexIds.get(c.h3);
    if (id === undefined) {
      id = hexIds.size;
      hexIds.set(c.h3, id);
    }
    hex[i] = id;
  });
  return { size, category, hex, t, hexes: [...hexIds.keys()] };
}
