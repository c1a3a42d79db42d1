import fc from 'fast-check';
import type { SubscriberInput } from './input-records.js';

/** Random subscriber tables with holes: at most one row per city, technology and month, from the lists given. */
export function subscriberTables(
  cities: string[],
  technologies: string[],
  months: string[],
  maxLength: number,
): fc.Arbitrary<SubscriberInput[]> {
  const row = fc.record({
    city: fc.constantFrom(...cities),
    technology: fc.constantFrom(...technologies),
    month: fc.constantFrom(...months),
    subscribers: fc.integer({ min: 1, max: 1_000_000 }),
  });
  return fc.uniqueArray(row, { selector: (s) => `${s.city}|${s.technology}|${s.month}`, maxLength });
}

/**
 * What a rate property draws for each complaint: a city and a technology from the lists, and a time `at` (epoch ms)
 * within `months` (consecutive YYYY-MM, in the tests' zone, +08:00).
 */
export function rateComplaintFields(cities: string[], technologies: string[], months: string[]) {
  // Midnight +08:00 on the first of the month `index` months after `month` (Date.UTC wraps past December).
  const start = (month: string, index: number): number => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return Date.UTC(y, m - 1 + index, 1, -8);
  };
  return {
    city: fc.constantFrom(...cities),
    technology: fc.constantFrom(...technologies),
    at: fc.integer({ min: start(months[0]!, 0), max: start(months.at(-1)!, 1) - 1 }),
  };
}
