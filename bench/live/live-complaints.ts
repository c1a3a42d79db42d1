import { Prng } from '../../datasets/generator/prng.js';
import { CATEGORIES, TECHNOLOGIES } from '../../domain/enums.js';

/** A complaint as POST /v1/complaints takes it. */
export interface LiveComplaint {
  complaint_id: string;
  received_at: string;
  city: string;
  category: string;
  technology: string;
  lat: number;
  lon: number;
}

export interface CityCentre {
  city: string;
  lat: number;
  lon: number;
}

/** Spread of live complaints around a city centre, degrees (about 5 km), as in the bench data. */
const CITY_SIGMA_DEG = 0.05;
/** Data time advances this much per live complaint (the history ends where the live clock starts). */
const STEP_MS = 2000;

/**
 * Live complaints after the loaded history: unique ids (`prefix` + a counter), received in
 * order from `startMs`, around the cities' centres, random category and technology (seeded).
 * `burst` gives six complaints of one category at one point within six minutes (a new incident),
 * far from the cities so that it never merges with the background.
 */
export class LiveComplaints {
  private readonly prng: Prng;
  private count = 0;
  private bursts = 0;
  private clock: number;

  constructor(
    private readonly prefix: string,
    private readonly cities: readonly CityCentre[],
    startMs: number,
    seed = 17,
  ) {
    this.prng = Prng.stream(seed, prefix);
    this.clock = startMs;
  }

  /** `n` background complaints. */
  batch(n: number): LiveComplaint[] {
    return Array.from({ length: n }, () => {
      const city = this.cities[this.prng.int(this.cities.length)]!;
      const lat = city.lat + this.prng.normal() * CITY_SIGMA_DEG;
      const lon = city.lon + this.prng.normal() * CITY_SIGMA_DEG;
      return this.make(city.city, CATEGORIES[this.prng.int(CATEGORIES.length)]!, lat, lon);
    });
  }

  /** Six complaints that form one new group: the first five qualify nothing, the sixth opens an incident. */
  burst(): LiveComplaint[] {
    this.bursts += 1;
    // A row of points 0.2° apart (about 20 km), north of the province's cities.
    const lat = 53.0 + Math.floor(this.bursts / 40) * 0.2;
    const lon = 122.0 + (this.bursts % 40) * 0.2;
    this.clock += 3_600_000; // an hour after the last burst, so bursts never share a window
    return Array.from({ length: 6 }, () => this.make('Mohe', 'no_signal', lat, lon, 60_000));
  }

  private make(city: string, category: string, lat: number, lon: number, stepMs = STEP_MS): LiveComplaint {
    this.count += 1;
    this.clock += stepMs;
    return {
      complaint_id: `${this.prefix}-${this.count}`,
      received_at: new Date(this.clock).toISOString(),
      city,
      category,
      technology: TECHNOLOGIES[this.prng.int(TECHNOLOGIES.length)]!,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
    };
  }
}
