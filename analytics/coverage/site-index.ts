import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import type { NearestSite } from '../../domain/coverage.js';
import type { SiteStatus, Technology } from '../../domain/enums.js';
import type { Database } from '../../store/database.js';

/** A cell of the inventory as the index keeps it. */
export interface IndexedSite {
  cell_id: string;
  site_id: string;
  technology: Technology;
  status: SiteStatus;
  lat: number;
  lon: number;
  /** H3 cell of the site at the database resolution. */
  h3: string;
}

export type { NearestSite } from '../../domain/coverage.js';

/** One kd-tree over the cells of one (status, technology) pair, or of one status with any technology. */
interface Bucket {
  tree: KDBush;
  sites: IndexedSite[];
}

const ANY = '*';

/**
 * The cell-site inventory in spatial indexes (a kd-tree per status and technology, searched
 * with great-circle distances), so "the nearest active LTE cell" costs a tree descent, not a
 * scan over every site. Built once per data version (see `siteIndexOf`) and shared by the
 * weak-coverage ranking, the site candidates and the front-desk look-up.
 */
export class SiteIndex {
  private constructor(
    private readonly buckets: Map<string, Bucket>,
    private readonly hexes: Map<string, IndexedSite[]>,
  ) {}

  /** Indexes the given cells. */
  static fromSites(sites: readonly IndexedSite[]): SiteIndex {
    const groups = new Map<string, IndexedSite[]>();
    const hexes = new Map<string, IndexedSite[]>();
    for (const site of sites) {
      for (const key of [bucketKey(site.status, site.technology), bucketKey(site.status, undefined)])
        push(groups, key, site);
      push(hexes, site.h3, site);
    }
    const buckets = new Map<string, Bucket>();
    for (const [key, members] of groups) buckets.set(key, { tree: kdTree(members), sites: members });
    return new SiteIndex(buckets, hexes);
  }

  /** Reads every cell of `cell_sites` and indexes it. */
  static async load(db: Database): Promise<SiteIndex> {
    // Ordered so that co-located cells (one site, several cells) tie-break the same way every time.
    return SiteIndex.fromSites(
      await db.all<IndexedSite>(
        'SELECT cell_id, site_id, technology, status, lat, lon, h3 FROM cell_sites ORDER BY cell_id',
      ),
    );
  }

  /**
   * The cell of `status` (and `technology`, any when absent) nearest to a point, or null when
   * there is none. Distances are great-circle km on a sphere of radius 6371 km.
   */
  nearest(lat: number, lon: number, technology: Technology | undefined, status: SiteStatus): NearestSite | null {
    return this.around(lat, lon, technology, status, 1)[0] ?? null;
  }

  /** The cells of `status` (and `technology`) within `radiusKm` of a point, nearest first. */
  within(
    lat: number,
    lon: number,
    radiusKm: number,
    technology: Technology | undefined,
    status: SiteStatus,
  ): NearestSite[] {
    return this.around(lat, lon, technology, status, Infinity, radiusKm);
  }

  /** The cells (any status and technology) whose site lies in the H3 cell `h3` (database resolution). */
  inHex(h3: string): readonly IndexedSite[] {
    return this.hexes.get(h3) ?? [];
  }

  private around(
    lat: number,
    lon: number,
    technology: Technology | undefined,
    status: SiteStatus,
    count: number,
    maxKm?: number,
  ): NearestSite[] {
    const bucket = this.buckets.get(bucketKey(status, technology));
    if (bucket === undefined) return [];
    return around(bucket.tree, lon, lat, count, maxKm).map((id) => {
      const site = bucket.sites[id]!;
      return {
        cell_id: site.cell_id,
        site_id: site.site_id,
        lat: site.lat,
        lon: site.lon,
        distance_km: distance(lon, lat, site.lon, site.lat),
      };
    });
  }
}

const cache = new WeakMap<Database, { version: number; index: Promise<SiteIndex> }>();

/** The site index of a database at its current data version, built on first use and kept until the next ingest. */
export function siteIndexOf(db: Database): Promise<SiteIndex> {
  const kept = cache.get(db);
  if (kept !== undefined && kept.version === db.dataVersion) return kept.index;
  const index = SiteIndex.load(db);
  cache.set(db, { version: db.dataVersion, index });
  // A failed load is not kept: the next ask tries again.
  index.catch(() => cache.get(db)?.index === index && cache.delete(db));
  return index;
}

function bucketKey(status: SiteStatus, technology: Technology | undefined): string {
  return `${status}|${technology ?? ANY}`;
}

function kdTree(sites: readonly IndexedSite[]): KDBush {
  const tree = new KDBush(sites.length);
  for (const site of sites) tree.add(site.lon, site.lat);
  return tree.finish();
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
