import type { SiteRow } from './api-types';

/** A city's name placed at the centre of its sites. */
export interface CityLabel {
  city: string;
  lat: number;
  lon: number;
  sites: number;
}

/** The city whose label (sites' centre) is closest to a point, by squared degrees (cities are far apart). */
export function nearestCity(labels: readonly CityLabel[], lat: number, lon: number): string | undefined {
  let best: CityLabel | undefined;
  let bestDistance = Infinity;
  for (const label of labels) {
    const distance = (label.lat - lat) ** 2 + ((label.lon - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [label, distance];
  }
  return best?.city;
}

/** One label per city in the inventory, at the mean position of its sites (no gazetteer needed, nothing fetched). */
export function cityLabels(sites: readonly SiteRow[]): CityLabel[] {
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const site of sites) {
    const sum = sums.get(site.city) ?? { lat: 0, lon: 0, n: 0 };
    sum.lat += site.lat;
    sum.lon += site.lon;
    sum.n += 1;
    sums.set(site.city, sum);
  }
  const labels = [...sums].map(([city, s]) => ({ city, lat: s.lat / s.n, lon: s.lon / s.n, sites: s.n }));
  return labels.sort((a, b) => a.city.localeCompare(b.city));
}
