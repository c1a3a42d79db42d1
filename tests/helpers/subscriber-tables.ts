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
