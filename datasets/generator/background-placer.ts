import { latLngToCell } from 'h3-js';
import type { Category, Technology } from '../../domain/enums.js';
import type { BackgroundGuard } from './background-guard.js';
import { moveKm, round6 } from './geo-offset.js';
import type { Prng } from './prng.js';
import type { CityArea, CoverageHole, GeneratedCell, SiteLayout } from './site-layout.js';

/** Where a background complaint ended up. */
export interface Placement {
  lat?: number;
  lon?: number;
  cell_id?: string;
  /** 'point': lat/lon given (maybe a cell_id too); 'cell': only a cell_id; 'none': unlocated. */
  located: 'point' | 'cell' | 'none';
  inHole: boolean;
  /** Candidates the guard turned down before this one. */
  retries: number;
}

/** How a complaint names its place: mostly a point and the serving cell, some only one of them, ~1% nothing. */
const LOCATED_BY = { point_and_cell: 0.8, point: 0.1, cell: 0.09, none: 0.01 } as const;
/** Share of a hole city's weak_coverage / no_signal complaints that come from inside its hole. */
const HOLE_SHARE = 0.12;
const HOLE_CATEGORIES: ReadonlySet<Category> = new Set(['weak_coverage', 'no_signal']);
const ANCHORED_ATTEMPTS = 4;
const SPREAD_ATTEMPTS = 8;

interface Candidate {
  lat?: number;
  lon?: number;
  cell_id?: string;
  hex: string;
  inHole: boolean;
}

/**
 * Places background complaints near the cells of their city and technology (so denser where
 * sites are), a share of coverage complaints inside the city's coverage hole, and asks the
 * guard before each: a refused candidate is redrawn near another cell, then anywhere in the
 * city's rural disc, and as a last resort the complaint stays unlocated.
 */
export class BackgroundPlacer {
  private readonly holes = new Map<string, CoverageHole>();
  private readonly areas = new Map<string, CityArea>();

  constructor(
    private readonly layout: SiteLayout,
    private readonly guard: BackgroundGuard,
    private readonly res: number,
    private readonly prng: Prng,
  ) {
    for (const hole of layout.holes) this.holes.set(hole.city, hole);
    for (const area of layout.areas) this.areas.set(area.city.name, area);
  }

  place(t: number, city: string, technology: Technology, category: Category): Placement {
    const mode = this.prng.weighted(LOCATED_BY);
    if (mode === 'none') return { located: 'none', inHole: false, retries: 0 };
    const cells = this.layout.serving.get(`${city}|${technology}`) ?? [];
    const hole = this.holes.get(city);
    for (let attempt = 0; attempt < ANCHORED_ATTEMPTS + SPREAD_ATTEMPTS; attempt += 1) {
      const candidate =
        attempt === 0 && hole && HOLE_CATEGORIES.has(category) && this.prng.chance(HOLE_SHARE)
          ? this.inHole(hole)
          : attempt < ANCHORED_ATTEMPTS && cells.length > 0
            ? this.nearCell(this.prng.pick(cells), mode)
            : this.inRuralDisc(this.areas.get(city)!);
      if (!this.guard.allows(category, candidate.hex, t)) continue;
      this.guard.record(category, candidate.hex, t);
      const { hex: _hex, ...where } = candidate;
      return { ...where, located: where.lat === undefined ? 'cell' : 'point', retries: attempt };
    }
    return { located: 'none', inHole: false, retries: ANCHORED_ATTEMPTS + SPREAD_ATTEMPTS };
  }

  /** Somewhere in the serving cell's sector: along its azimuth, a few hundred metres out (km in the country). */
  private nearCell(cell: GeneratedCell, mode: keyof typeof LOCATED_BY): Candidate {
    if (mode === 'cell') return { cell_id: cell.cell_id, hex: cell.hex, inHole: false };
    const km = 0.05 + Math.abs(this.prng.normal()) * (cell.urban ? 0.35 : 1.5);
    const p = moveKm(cell.lat, cell.lon, km, cell.azimuth + 30 * this.prng.normal());
    return { ...this.point(p), ...(mode === 'point_and_cell' ? { cell_id: cell.cell_id } : {}), inHole: false };
  }

  private inHole(hole: CoverageHole): Candidate {
    const p = moveKm(hole.lat, hole.lon, hole.radiusKm * Math.sqrt(this.prng.next()), this.prng.uniform(0, 360));
    return { ...this.point(p), inHole: true };
  }

  private inRuralDisc(area: CityArea): Candidate {
    const p = moveKm(
      area.city.lat,
      area.city.lon,
      area.ruralRadiusKm * Math.sqrt(this.prng.next()),
      this.prng.uniform(0, 360),
    );
    return { ...this.point(p), inHole: false };
  }

  private point(p: { lat: number; lon: number }): { lat: number; lon: number; hex: string } {
    const [lat, lon] = [round6(p.lat), round6(p.lon)];
    return { lat, lon, hex: latLngToCell(lat, lon, this.res) };
  }
}
