import { listValue } from '@duckdb/node-api';
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import type { EventKind } from '../../domain/enums.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';

/** A network event that covers a circle: its own (lat, lon, radius_m), or its cell's site and radius. */
export interface AreaEvent {
  event_id: string;
  kind: EventKind;
  lat: number;
  lon: number;
  radius_m: number;
  note: string | null;
}

/** An area event near a point, with the distance from the point to the circle's centre in km. */
export interface AreaHit extends AreaEvent {
  distance_km: number;
}

/**
 * Circular network-event areas in a kd-tree over their centres: "which areas cover this point"
 * looks only at centres within the largest radius, not at every event.
 */
export class AreaIndex {
  /** Null without areas: kdbush refuses to build an empty tree. */
  private readonly tree: KDBush | null;
  private readonly maxRadiusKm: number;

  constructor(private readonly areas: readonly AreaEvent[]) {
    this.tree = areas.length === 0 ? null : new KDBush(areas.length);
    for (const area of areas) this.tree?.add(area.lon, area.lat);
    this.tree?.finish();
    this.maxRadiusKm = Math.max(0, ...areas.map((a) => a.radius_m / 1000));
  }

  /**
   * Events whose circle comes within `slackKm` of a point (with 0: the circle covers it),
   * nearest centre first, optionally of one kind.
   */
  near(lat: number, lon: number, slackKm = 0, kind?: EventKind): AreaHit[] {
    if (this.tree === null) return [];
    return around(this.tree, lon, lat, Infinity, this.maxRadiusKm + slackKm)
      .map((id) => {
        const area = this.areas[id]!;
        return { ...area, distance_km: distance(lon, lat, area.lon, area.lat) };
      })
      .filter((hit) => hit.distance_km <= hit.radius_m / 1000 + slackKm && (kind === undefined || hit.kind === kind));
  }
}

/**
 * The events of the given kinds that have a position (their own, else their cell's site) and
 * are not over at `at` (ISO-8601; null: at the newest complaint, or ever when there is none).
 */
export async function loadAreaIndex(db: Database, kinds: readonly EventKind[], at: string | null): Promise<AreaIndex> {
  return new AreaIndex(
    await db.all<AreaEvent>(loadSql(import.meta.url, 'area-events'), { at, kinds: listValue([...kinds]) }),
  );
}
