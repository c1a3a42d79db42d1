import type { DuckDBConnection } from '@duckdb/node-api';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { readNewestComplaintMs } from '../../newest-complaint.js';

const HOUR = 3_600_000;
/**
 * How far before the newest complaint the held complaints reach: a live write's region (its
 * complaints ±2 h, widened by the incidents it meets) mostly lies within; a region reaching further
 * back is read from the store.
 */
const KEEP_MS = 6 * HOUR;

/** A cell of a detection region: a category and hexagon, and the span of received_at (epoch ms) to read there. */
export interface RegionCell {
  category: string;
  h3: string;
  lo: number;
  hi: number;
}

/** Where the located complaints of a region come from; undefined: it does not hold them all (ask the store). */
export interface RegionSource {
  read(cells: readonly RegionCell[]): ClusterComplaint[] | undefined;
}

/** A write's change of the located complaints: the rows it stored and the ids whose stored versions it replaced. */
export interface RecentChange {
  added: readonly ClusterComplaint[];
  removed: ReadonlySet<string>;
}

/**
 * The located complaints received from `from` on (epoch ms, a whole second, never before 1970),
 * per category and hexagon, as the store holds them: the live path reads a detection region here
 * instead of scanning a row group of the complaints table per write. The owner keeps it in step with
 * every committed write (store/held-state.ts).
 */
export class RecentComplaints implements RegionSource {
  /** Each held complaint by id (its category and hexagon find it in `byCell`). */
  private readonly held = new Map<string, ClusterComplaint>();

  private constructor(
    private from: number,
    /** Category → hexagon → id → complaint: nested maps, so a region's thousands of cells build no key strings. */
    private readonly byCell: CellMap<Map<string, ClusterComplaint>>,
  ) {}

  /** The located complaints of the last KEEP_MS before the newest one (one scan of the newest row groups). */
  static async load(conn: DuckDBConnection): Promise<RecentComplaints> {
    const newest = await readNewestComplaintMs(conn);
    const from = newest === null ? 0 : wholeSecondAtOrAfter(newest - KEEP_MS);
    const reader = await conn.runAndReadAll(
      `SELECT complaint_id, category, h3, epoch_ms(received_at) AS t, city, lat, lon FROM complaints
       WHERE received_at >= to_timestamp($from) AND h3 IS NOT NULL`,
      { from: from / 1000 },
    );
    const held = new RecentComplaints(from, new Map());
    const [ids = [], categories = [], hexes = [], times = [], cities = [], lats = [], lons = []] =
      reader.getColumnsJS();
    ids.forEach((id, i) =>
      held.add({
        complaint_id: String(id),
        category: categories[i] as ClusterComplaint['category'],
        h3: String(hexes[i]),
        t: Number(times[i]),
        city: String(cities[i]),
        lat: Number(lats[i]),
        lon: Number(lons[i]),
      }),
    );
    return held;
  }

  read(cells: readonly RegionCell[]): ClusterComplaint[] | undefined {
    if (cells.some((c) => c.lo < this.from)) return undefined;
    const found: ClusterComplaint[] = [];
    for (const c of cells) {
      for (const r of this.byCell.get(c.category)?.get(c.h3)?.values() ?? []) {
        if (r.t >= c.lo && r.t <= c.hi) found.push(r);
      }
    }
    return found;
  }

  /** This state with a write's change on top, for reads inside that write (the state itself changes at commit). */
  with(change: RecentChange): RegionSource {
    const added: CellMap<ClusterComplaint[]> = new Map();
    for (const r of change.added) if (r.t >= this.from) cellOf(added, r.category, r.h3, () => []).push(r);
    return {
      read: (cells) => {
        const stored = this.read(cells);
        if (!stored) return undefined;
        const rows = change.removed.size === 0 ? stored : stored.filter((r) => !change.removed.has(r.complaint_id));
        for (const c of cells) {
          for (const r of added.get(c.category)?.get(c.h3) ?? []) if (r.t >= c.lo && r.t <= c.hi) rows.push(r);
        }
        return rows;
      },
    };
  }

  /** Keeps the state in step with a committed write; drops what falls more than KEEP_MS behind its newest. */
  apply(change: RecentChange): void {
    for (const id of change.removed) this.remove(id);
    for (const row of change.added) if (row.t >= this.from) this.add(row);
    const newest = Math.max(...change.added.map((r) => r.t));
    if (newest - this.from > 2 * KEEP_MS) this.forget(wholeSecondAtOrAfter(newest - KEEP_MS));
  }

  private add(row: ClusterComplaint): void {
    // An id held before (an upsert inside the window) leaves its old cell first.
    this.remove(row.complaint_id);
    cellOf(this.byCell, row.category, row.h3, () => new Map()).set(row.complaint_id, row);
    this.held.set(row.complaint_id, row);
  }

  private remove(id: string): void {
    const row = this.held.get(id);
    if (row === undefined) return;
    this.held.delete(id);
    const hexes = this.byCell.get(row.category)!;
    const rows = hexes.get(row.h3)!;
    rows.delete(id);
    if (rows.size === 0) hexes.delete(row.h3);
    if (hexes.size === 0) this.byCell.delete(row.category);
  }

  private forget(from: number): void {
    this.from = from;
    for (const row of [...this.held.values()]) if (row.t < from) this.remove(row.complaint_id);
  }
}

/** Per category, per hexagon. */
type CellMap<T> = Map<string, Map<string, T>>;

/** The entry of (category, hexagon) in `map`, made by `make` when there is none. */
function cellOf<T>(map: CellMap<T>, category: string, h3: string, make: () => T): T {
  let hexes = map.get(category);
  if (!hexes) {
    hexes = new Map<string, T>();
    map.set(category, hexes);
  }
  let entry = hexes.get(h3);
  if (entry === undefined) {
    entry = make();
    hexes.set(h3, entry);
  }
  return entry;
}

/** `to_timestamp` of a whole number of seconds is exact: the held rows are exactly those with t ≥ it. */
function wholeSecondAtOrAfter(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000) * 1000);
}
