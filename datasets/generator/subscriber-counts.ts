import { TECHNOLOGIES, type Technology } from '../../domain/enums.js';
import type { City } from './cities.js';
import { Prng } from './prng.js';

export interface SubscriberRow {
  city: string;
  technology: Technology;
  month: string;
  subscribers: number;
}

/**
 * The one city × technology left out of subscribers.csv on purpose, so rate reports show a
 * group with complaints but a null rate and a warning (SPEC §4). Its complaints are still drawn
 * from the subscribers it would have had.
 */
export const MISSING_SUBSCRIBERS = { city: 'Da Hinggan Ling', technology: 'NR' as Technology };

/**
 * Complaints per 10k subscribers per month, per technology (the seed plan's ranges: GSM 1–3, WCDMA 3–16, LTE 2–8, NR
 * 2–6).
 */
export const BASE_RATES: Readonly<Record<Technology, number>> = { GSM: 1.8, WCDMA: 7.5, LTE: 3.6, NR: 3.0 };

/** Share of a city's subscribers on each technology at the start, and its drift per month (users move to NR). */
const SHARES: Readonly<Record<Technology, number>> = { GSM: 0.07, WCDMA: 0.09, LTE: 0.58, NR: 0.26 };
const MONTHLY_DRIFT: Readonly<Record<Technology, number>> = { GSM: -0.015, WCDMA: -0.02, LTE: -0.004, NR: 0.02 };

/** Subscribers of every city, technology and month, and each city's complaint propensity. */
export interface SubscriberModel {
  /** Every group, the deliberately missing one included. */
  all: SubscriberRow[];
  /** The rows written to subscribers.csv. */
  written: SubscriberRow[];
  /** Multiplier of the base rates per city (0.8–1.2), so cities differ. */
  cityFactor: Map<string, number>;
}

/** Subscribers = urban population × penetration (1.05–1.25 per city) × technology share (with drift). */
export function buildSubscribers(cities: readonly City[], months: readonly string[], seed: number): SubscriberModel {
  const prng = Prng.stream(seed, 'subscribers');
  const all: SubscriberRow[] = [];
  const cityFactor = new Map<string, number>();
  for (const city of cities) {
    const penetration = prng.uniform(1.05, 1.25);
    const nrBias = prng.uniform(0.85, 1.15);
    cityFactor.set(city.name, prng.uniform(0.8, 1.2));
    months.forEach((month, m) => {
      const shares = TECHNOLOGIES.map((t) => SHARES[t] * (1 + MONTHLY_DRIFT[t]) ** m * (t === 'NR' ? nrBias : 1));
      const total = shares.reduce((a, b) => a + b, 0);
      TECHNOLOGIES.forEach((technology, i) => {
        const subscribers = Math.round((city.population * penetration * shares[i]!) / total);
        all.push({ city: city.name, technology, month, subscribers });
      });
    });
  }
  const written = all.filter(
    (r) => !(r.city === MISSING_SUBSCRIBERS.city && r.technology === MISSING_SUBSCRIBERS.technology),
  );
  return { all, written, cityFactor };
}
