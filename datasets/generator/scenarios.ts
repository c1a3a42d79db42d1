import { cellToLatLng, getHexagonEdgeLengthAvg, gridDisk, latLngToCell } from 'h3-js';
import type { Category, Technology } from '../../domain/enums.js';
import type { ExclusionZone } from './background-guard.js';
import type { City } from './cities.js';
import { distanceKm, moveKm, round6 } from './geo-offset.js';
import { HOUR_MS, type Period } from './period.js';
import { Prng } from './prng.js';
import { SCENARIO_SHAPES, type ScenarioShape } from './scenario-shapes.js';
import type { GeneratedCell, SiteLayout } from './site-layout.js';

/** A complaint of an injected scenario, before its id and work-order fields. */
export interface ScenarioComplaint {
  t: number;
  city: string;
  category: Category;
  technology: Technology;
  lat: number;
  lon: number;
  cell_id: string | undefined;
  scenario: string;
  inCluster: boolean;
}

export interface ScenarioPlan {
  /** Sorted by time. */
  complaints: ScenarioComplaint[];
  /** Where and when background complaints must keep away (grid distance ≥ 5, ± 3 h, same category). */
  zones: ExclusionZone[];
}

/** Each scenario shape is injected this many times per month of the period. */
export const ROUNDS_PER_MONTH = 2;
const CATEGORY_CYCLE: readonly Category[] = [
  'weak_coverage',
  'call_drop',
  'slow_data',
  'no_signal',
  'voice_quality',
  'no_service',
  'other',
];
const KEEP_AWAY_RINGS = 4;
const KEEP_AWAY_MS = 3 * HOUR_MS;

export interface ScenarioContext {
  cities: readonly City[];
  layout: SiteLayout;
  period: Period;
  seed: number;
  h3Resolution: number;
  /** A technology for a complaint in `city`, in proportion to its complaint mix. */
  drawTechnology(city: string, prng: Prng): Technology;
}

/**
 * Places every scenario instance: shapes in turn, cities in a stride of 7 (coprime with 13),
 * days spread evenly over the period, starts between 09:00 and 18:00 local, in the urban core.
 * @throws Error if two instances of one category come within the keep-away distance and time.
 */
export function planScenarios(ctx: ScenarioContext): ScenarioPlan {
  const prng = Prng.stream(ctx.seed, 'scenarios');
  const count = SCENARIO_SHAPES.length * ROUNDS_PER_MONTH * ctx.period.months.length;
  const days = Math.round((ctx.period.toMs - ctx.period.fromMs) / (24 * HOUR_MS));
  const complaints: ScenarioComplaint[] = [];
  const zones: ExclusionZone[] = [];
  for (let i = 0; i < count; i += 1) {
    const shape = SCENARIO_SHAPES[i % SCENARIO_SHAPES.length]!;
    const city = ctx.cities[(i * 7) % ctx.cities.length]!;
    const dayStart = ctx.period.fromMs + Math.floor((i * days) / count) * 24 * HOUR_MS;
    const start = dayStart + 9 * HOUR_MS + prng.int(9 * 3600) * 1000;
    const category = CATEGORY_CYCLE[(Math.floor(i / SCENARIO_SHAPES.length) + i) % CATEGORY_CYCLE.length]!;
    const placed = placeInstance(ctx, shape, city, start, category, prng);
    complaints.push(...placed.complaints);
    zones.push(placed.zone);
  }
  checkSeparation(zones);
  complaints.sort((a, b) => a.t - b.t);
  return { complaints, zones };
}

function placeInstance(
  ctx: ScenarioContext,
  shape: ScenarioShape,
  city: City,
  start: number,
  category: Category,
  prng: Prng,
): { complaints: ScenarioComplaint[]; zone: ExclusionZone } {
  const core = ctx.layout.cells.filter((c) => c.city === city.name && c.urban && c.status === 'active');
  const site = prng.pick(core);
  const root = latLngToCell(site.lat, site.lon, ctx.h3Resolution);
  const { hexes, empty } = shape.layout(root, prng);
  // The near miss with two categories pairs the two coverage complaints people confuse most.
  const second: Category = category === 'weak_coverage' ? 'no_signal' : 'weak_coverage';
  const complaints = shape.members(prng).map((m): ScenarioComplaint => {
    const point = pointInHex(hexes[m.hex]!, ctx.h3Resolution, prng);
    const technology = ctx.drawTechnology(city.name, prng);
    return {
      t: start + m.offsetS * 1000,
      city: city.name,
      category: m.secondCategory ? second : category,
      technology,
      ...point,
      cell_id: nearestCell(ctx.layout.serving.get(`${city.name}|${technology}`) ?? [], point)?.cell_id,
      scenario: shape.name,
      inCluster: shape.inCluster,
    };
  });
  const times = complaints.map((c) => c.t);
  const zone: ExclusionZone = {
    categories: new Set(complaints.map((c) => c.category)),
    from: Math.min(...times) - KEEP_AWAY_MS,
    to: Math.max(...times) + KEEP_AWAY_MS,
    hexes: new Set([...hexes, ...empty].flatMap((h) => gridDisk(h, KEEP_AWAY_RINGS))),
  };
  return { complaints, zone };
}

/** A point well inside `hex` (checked against the rounding the files apply). */
function pointInHex(hex: string, res: number, prng: Prng): { lat: number; lon: number } {
  const [lat, lon] = cellToLatLng(hex);
  const edgeKm = getHexagonEdgeLengthAvg(res, 'km');
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const p = moveKm(lat, lon, edgeKm * 0.5 * Math.sqrt(prng.next()), prng.uniform(0, 360));
    const point = { lat: round6(p.lat), lon: round6(p.lon) };
    if (latLngToCell(point.lat, point.lon, res) === hex) return point;
  }
  return { lat: round6(lat), lon: round6(lon) };
}

function nearestCell(cells: readonly GeneratedCell[], p: { lat: number; lon: number }): GeneratedCell | undefined {
  let best: GeneratedCell | undefined;
  let bestKm = Infinity;
  for (const cell of cells) {
    const km = distanceKm(p.lat, p.lon, cell.lat, cell.lon);
    if (km < bestKm) [best, bestKm] = [cell, km];
  }
  return best;
}

/** Scenario instances must not meet each other either (same category, overlapping keep-away times, shared hexagons). */
function checkSeparation(zones: readonly ExclusionZone[]): void {
  const byStart = [...zones].sort((a, b) => a.from - b.from);
  byStart.forEach((a, i) => {
    for (let j = i + 1; j < byStart.length && byStart[j]!.from <= a.to; j += 1) {
      const b = byStart[j]!;
      const shared = [...a.categories].some((c) => b.categories.has(c)) && [...b.hexes].some((h) => a.hexes.has(h));
      if (shared) throw new Error('two injected scenarios overlap; change the placement stride');
    }
  });
}
