import { describe, expect, it } from 'vitest';
import { loadCities } from '../../../datasets/generator/cities.js';
import { distanceKm } from '../../../datasets/generator/geo-offset.js';
import { buildEvents } from '../../../datasets/generator/network-events.js';
import { buildPeriod } from '../../../datasets/generator/period.js';
import { buildSiteLayout } from '../../../datasets/generator/site-layout.js';
import { buildSubscribers, MISSING_SUBSCRIBERS } from '../../../datasets/generator/subscriber-counts.js';

const cities = loadCities();
const layout = buildSiteLayout(cities, 42, 8);
const period = buildPeriod('2026-10-01', 1);

describe('the synthetic province', () => {
  it('has the 13 prefecture-level divisions of Heilongjiang at their real centres', () => {
    expect(cities.map((c) => c.name)).toEqual([
      'Harbin',
      'Qiqihar',
      'Jixi',
      'Hegang',
      'Shuangyashan',
      'Daqing',
      'Yichun',
      'Jiamusi',
      'Qitaihe',
      'Mudanjiang',
      'Heihe',
      'Suihua',
      'Da Hinggan Ling',
    ]);
    expect(cities.find((c) => c.name === 'Harbin')).toMatchObject({ lat: 45.75, lon: 126.65, population: 3_621_000 });
    expect(cities.find((c) => c.name === 'Qitaihe')).toMatchObject({ lat: 45.77, lon: 131 });
    for (const c of cities) {
      expect(c.lat).toBeGreaterThan(43);
      expect(c.lat).toBeLessThan(54);
      expect(c.lon).toBeGreaterThan(121);
      expect(c.lon).toBeLessThan(135);
    }
  });

  it('puts more sites in bigger cities and packs them towards the centre', () => {
    const sitesOf = (city: string): number =>
      new Set(layout.cells.filter((c) => c.city === city).map((c) => c.site_id)).size;
    expect(sitesOf('Harbin')).toBeGreaterThan(4 * sitesOf('Suihua'));
    const harbin = cities[0]!;
    const area = layout.areas[0]!;
    const sites = [...new Map(layout.cells.filter((c) => c.city === 'Harbin').map((c) => [c.site_id, c])).values()];
    const inCore =
      sites.filter((s) => distanceKm(harbin.lat, harbin.lon, s.lat, s.lon) < 2 * area.urbanSigmaKm).length /
      sites.length;
    const coreAreaShare = (2 * area.urbanSigmaKm) ** 2 / area.ruralRadiusKm ** 2;
    expect(inCore).toBeGreaterThan(5 * coreAreaShare);
  });

  it('uses all four technologies and all four statuses, mostly active', () => {
    expect(new Set(layout.cells.map((c) => c.technology))).toEqual(new Set(['GSM', 'WCDMA', 'LTE', 'NR']));
    expect(new Set(layout.cells.map((c) => c.status))).toEqual(
      new Set(['active', 'fault', 'planned', 'no_investment']),
    );
    expect(layout.cells.filter((c) => c.status === 'active').length / layout.cells.length).toBeGreaterThan(0.9);
    expect(new Set(layout.cells.map((c) => c.cell_id)).size).toBe(layout.cells.length);
  });

  it('keeps coverage holes free of active sites; planned construction over one, no investment over another', () => {
    expect(layout.holes.length).toBeGreaterThanOrEqual(2);
    for (const hole of layout.holes) {
      const inside = layout.cells.filter((c) => distanceKm(hole.lat, hole.lon, c.lat, c.lon) <= hole.radiusKm);
      expect(inside.filter((c) => c.status === 'active')).toEqual([]);
    }
    const areaEvents = buildEvents(layout, period, 42).filter((e) => e.radius_m !== undefined);
    const over = (kind: string): boolean =>
      areaEvents.some(
        (e) =>
          e.kind === kind &&
          layout.holes.some((h) => distanceKm(h.lat, h.lon, e.lat!, e.lon!) < 0.01 && e.radius_m! >= h.radiusKm * 1000),
      );
    expect(over('planned_construction')).toBe(true);
    expect(over('no_investment')).toBe(true);
  });

  it('ties outages to faulty cells and every event to a cell or an area', () => {
    const events = buildEvents(layout, period, 42);
    const status = new Map(layout.cells.map((c) => [c.cell_id, c.status]));
    for (const e of events.filter((x) => x.kind === 'outage')) expect(status.get(e.cell_id!)).toBe('fault');
    for (const e of events) expect(e.cell_id !== undefined ? status.has(e.cell_id) : e.radius_m! > 0).toBe(true);
    expect(new Set(events.map((e) => e.kind))).toEqual(
      new Set(['outage', 'maintenance', 'planned_construction', 'no_investment']),
    );
  });

  it('has subscribers for every city, technology and month but the one left out on purpose', () => {
    const model = buildSubscribers(cities, period.months, 42);
    expect(model.all).toHaveLength(13 * 4);
    expect(model.written).toHaveLength(13 * 4 - 1);
    expect(
      model.written.some((r) => r.city === MISSING_SUBSCRIBERS.city && r.technology === MISSING_SUBSCRIBERS.technology),
    ).toBe(false);
    expect(model.written.every((r) => Number.isInteger(r.subscribers) && r.subscribers > 0)).toBe(true);
  });
});
