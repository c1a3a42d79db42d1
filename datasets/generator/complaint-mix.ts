import type { Category, Technology } from '../../domain/enums.js';
import { WeightedTable, type Prng } from './prng.js';
import { BASE_RATES, type SubscriberModel } from './subscriber-counts.js';

/** What customers of each technology complain about (relative weights). */
export const CATEGORY_WEIGHTS: Readonly<Record<Technology, Readonly<Record<Category, number>>>> = {
  GSM: {
    weak_coverage: 0.25,
    no_signal: 0.2,
    call_drop: 0.2,
    voice_quality: 0.18,
    slow_data: 0.03,
    no_service: 0.07,
    other: 0.07,
  },
  WCDMA: {
    weak_coverage: 0.22,
    no_signal: 0.15,
    call_drop: 0.18,
    voice_quality: 0.12,
    slow_data: 0.2,
    no_service: 0.06,
    other: 0.07,
  },
  LTE: {
    weak_coverage: 0.22,
    no_signal: 0.12,
    call_drop: 0.1,
    voice_quality: 0.08,
    slow_data: 0.3,
    no_service: 0.06,
    other: 0.12,
  },
  NR: {
    weak_coverage: 0.24,
    no_signal: 0.1,
    call_drop: 0.06,
    voice_quality: 0.05,
    slow_data: 0.35,
    no_service: 0.07,
    other: 0.13,
  },
};

interface Group {
  city: string;
  technology: Technology;
}

/**
 * The expected complaints of each city × technology × month: subscribers × base rate of the
 * technology × the city's factor / 10,000. Drives how many complaints each hour gets and who
 * they come from.
 */
export class ComplaintMix {
  private readonly tables = new Map<string, WeightedTable<Group>>();
  private readonly volumes = new Map<string, number>();
  private readonly categories = new Map<Technology, WeightedTable<Category>>();

  constructor(subscribers: SubscriberModel) {
    const byMonth = new Map<string, { groups: Group[]; weights: number[] }>();
    for (const row of subscribers.all) {
      const entry = byMonth.get(row.month) ?? { groups: [], weights: [] };
      byMonth.set(row.month, entry);
      entry.groups.push({ city: row.city, technology: row.technology });
      entry.weights.push(
        (row.subscribers * BASE_RATES[row.technology] * (subscribers.cityFactor.get(row.city) ?? 1)) / 10_000,
      );
    }
    for (const [month, { groups, weights }] of byMonth) {
      const table = new WeightedTable(groups, weights);
      this.tables.set(month, table);
      this.volumes.set(month, table.total);
    }
    for (const [technology, weights] of Object.entries(CATEGORY_WEIGHTS) as [Technology, Record<Category, number>][]) {
      this.categories.set(technology, new WeightedTable(Object.keys(weights) as Category[], Object.values(weights)));
    }
  }

  /** Complaints a month would see at the base rates. */
  volume(month: string): number {
    return this.volumes.get(month) ?? 0;
  }

  drawGroup(month: string, prng: Prng): Group {
    return this.tables.get(month)!.draw(prng);
  }

  drawCategory(technology: Technology, prng: Prng): Category {
    return this.categories.get(technology)!.draw(prng);
  }

  /** A technology for a complaint in `city` in `month`, in proportion to the city's expected complaints. */
  drawTechnology(month: string, city: string, prng: Prng): Technology {
    for (;;) {
      const group = this.drawGroup(month, prng);
      if (group.city === city) return group.technology;
    }
  }
}
