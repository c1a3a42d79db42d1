import { latLngToCell } from 'h3-js';
import type { SiteStatus, Technology } from '../../domain/enums.js';
import type { City } from './cities.js';
import { distanceKm, moveKm, round6 } from './geo-offset.js';
import { Prng } from './prng.js';

/** A city's footprint: a dense core (gaussian, scaled by population) and a sparse rural disc. */
export interface CityArea {
  city: City;
  urbanSigmaKm: number;
  ruralRadiusKm: number;
}

/** A deliberate rural area without any active site, where coverage complaints gather. */
export interface CoverageHole {
  city: string;
  lat: number;
  lon: number;
  radiusKm: number;
  /** The network event laid over it, if any (SPEC §5: planned sites, no-investment areas). */
  event: 'planned_construction' | 'no_investment' | null;
}

/** One cell (sector) of the sites file, with the H3 cell ingest will give it. */
export interface GeneratedCell {
  cell_id: string;
  site_id: string;
  city: string;
  technology: Technology;
  lat: number;
  lon: number;
  azimuth: number;
  status: SiteStatus;
  urban: boolean;
  hex: string;
}

export interface SiteLayout {
  areas: CityArea[];
  cells: GeneratedCell[];
  holes: CoverageHole[];
  /** Cells that serve customers (active or fault), by `${city}|${technology}`. */
  serving: Map<string, GeneratedCell[]>;
}

const PEOPLE_PER_SITE = 14_000;
const URBAN_SHARE = 0.8;
const TECH_LETTER: Record<Technology, string> = { GSM: 'G', WCDMA: 'W', LTE: 'L', NR: 'N' };
/** Cities given a coverage hole, and what the construction department has said about it. */
const HOLES: readonly [string, CoverageHole['event']][] = [
  ['Harbin', 'planned_construction'],
  ['Qiqihar', 'no_investment'],
  ['Mudanjiang', null],
  ['Jiamusi', null],
];
const HOLE_RADIUS_KM = 2.5;

/** Lays out the cell sites of every city: denser in the centre, a few rural holes kept free of active sites. */
export function buildSiteLayout(cities: readonly City[], seed: number, h3Resolution: number): SiteLayout {
  const prng = Prng.stream(seed, 'sites');
  const areas = cities.map((city) => cityArea(city, cities));
  const holes = HOLES.map(([name, event]) => placeHole(areas.find((a) => a.city.name === name)!, event, prng));
  const cells = areas.flatMap((area) => citySites(area, holes, prng, h3Resolution));
  for (const hole of holes.filter((h) => h.event === 'planned_construction')) {
    const area = areas.find((a) => a.city.name === hole.city)!;
    cells.push(...siteCells(area, `${area.city.code}P001`, hole, false, 'planned', prng, h3Resolution));
  }
  const serving = new Map<string, GeneratedCell[]>();
  for (const cell of cells.filter((c) => c.status === 'active' || c.status === 'fault')) {
    const key = `${cell.city}|${cell.technology}`;
    const list = serving.get(key);
    if (list) list.push(cell);
    else serving.set(key, [cell]);
  }
  return { areas, cells, holes, serving };
}

function cityArea(city: City, cities: readonly City[]): CityArea {
  const nearest = Math.min(
    ...cities.filter((c) => c !== city).map((c) => distanceKm(city.lat, city.lon, c.lat, c.lon)),
  );
  return {
    city,
    urbanSigmaKm: Math.max(1.2, 2 * Math.sqrt(city.population / 1e6)),
    // Keep the rural discs of neighbouring cities apart (Qitaihe and Jixi are ~50 km apart).
    ruralRadiusKm: Math.max(10, Math.min(35, 0.45 * nearest)),
  };
}

function placeHole(area: CityArea, event: CoverageHole['event'], prng: Prng): CoverageHole {
  const at = moveKm(area.city.lat, area.city.lon, area.ruralRadiusKm * prng.uniform(0.5, 0.65), prng.uniform(0, 360));
  return { city: area.city.name, lat: round6(at.lat), lon: round6(at.lon), radiusKm: HOLE_RADIUS_KM, event };
}

function citySites(area: CityArea, holes: readonly CoverageHole[], prng: Prng, res: number): GeneratedCell[] {
  const count = Math.max(12, Math.round(area.city.population / PEOPLE_PER_SITE));
  const cells: GeneratedCell[] = [];
  for (let i = 1; i <= count; i += 1) {
    const urban = prng.chance(URBAN_SHARE);
    const point = keepOutOfHoles(sitePoint(area, urban, prng), holes);
    const siteId = `${area.city.code}${String(i).padStart(4, '0')}`;
    cells.push(...siteCells(area, siteId, point, urban, siteStatus(prng), prng, res));
  }
  return cells;
}

function sitePoint(area: CityArea, urban: boolean, prng: Prng): { lat: number; lon: number } {
  const inner = 1.5 * area.urbanSigmaKm;
  const km = urban
    ? area.urbanSigmaKm * Math.sqrt(-2 * Math.log(1 - prng.next()))
    : Math.sqrt(prng.uniform(inner * inner, area.ruralRadiusKm ** 2));
  return moveKm(area.city.lat, area.city.lon, km, prng.uniform(0, 360));
}

/** Pushes a site that fell inside a coverage hole out past its edge, so the hole has no active site. */
function keepOutOfHoles(
  point: { lat: number; lon: number },
  holes: readonly CoverageHole[],
): { lat: number; lon: number } {
  for (const hole of holes) {
    const d = distanceKm(hole.lat, hole.lon, point.lat, point.lon);
    if (d >= hole.radiusKm + 0.5) continue;
    const bearing = (Math.atan2(point.lon - hole.lon, point.lat - hole.lat) * 180) / Math.PI;
    return moveKm(hole.lat, hole.lon, hole.radiusKm + 0.5 + d, bearing);
  }
  return point;
}

/** Mostly active; a few faulty, planned (not built yet) or parked as of no investment value. */
function siteStatus(prng: Prng): SiteStatus {
  return prng.weighted({ active: 0.93, fault: 0.02, planned: 0.04, no_investment: 0.01 });
}

function siteTechnologies(urban: boolean, prng: Prng): Technology[] {
  const techs: Technology[] = [];
  if (prng.chance(0.5)) techs.push('GSM');
  if (prng.chance(0.3)) techs.push('WCDMA');
  techs.push('LTE');
  if (prng.chance(urban ? 0.55 : 0.15)) techs.push('NR');
  return techs;
}

function siteCells(
  area: CityArea,
  siteId: string,
  point: { lat: number; lon: number },
  urban: boolean,
  status: SiteStatus,
  prng: Prng,
  res: number,
): GeneratedCell[] {
  const [lat, lon] = [round6(point.lat), round6(point.lon)];
  const hex = latLngToCell(lat, lon, res);
  const rotation = prng.int(120);
  const cells: GeneratedCell[] = [];
  // A planned rural site (the one over a planned-construction hole) is an LTE + NR build.
  for (const technology of status === 'planned' && !urban
    ? (['LTE', 'NR'] as Technology[])
    : siteTechnologies(urban, prng)) {
    for (let sector = 0; sector < 3; sector += 1) {
      // A fault takes down one cell, not the whole site.
      const cellStatus = status === 'fault' && sector !== 0 ? 'active' : status;
      cells.push({
        cell_id: `${siteId}-${TECH_LETTER[technology]}${sector + 1}`,
        site_id: siteId,
        city: area.city.name,
        technology,
        lat,
        lon,
        azimuth: rotation + sector * 120,
        status: cellStatus,
        urban,
        hex,
      });
    }
  }
  return cells;
}
