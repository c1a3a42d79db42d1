import { gridDisk } from 'h3-js';
import { CATEGORIES, type Category } from '../../domain/enums.js';

/** A place and time kept free of background complaints of some categories (around an injected scenario). */
export interface ExclusionZone {
  categories: ReadonlySet<Category>;
  /** Epoch ms, inclusive. */
  from: number;
  to: number;
  hexes: ReadonlySet<string>;
}

export interface GuardOptions {
  windowMs?: number;
  /** The most earlier same-category complaints allowed within `radius` and `windowMs` (SPEC §3: groups need 6). */
  maxEarlier?: number;
  /** Grid distance looked at: any connected set of ≤ 3 hexagons has diameter ≤ 2. */
  radius?: number;
}

const NO_DISK: string[] = [];
const CATEGORY_INDEX = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

/**
 * Keeps background complaints from ever forming a qualifying group (SPEC §3). Complaints are
 * offered in time order; one is allowed when at most 4 earlier complaints of its category lie
 * within grid distance 2 of its hexagon in the 60 minutes up to it. That suffices: a group's
 * latest complaint x would see the group's other ≥ 5 complaints, all of them within distance 2
 * (the group's hexagons are connected, so its diameter is ≤ 2) and less than 60 minutes earlier.
 * Each recorded complaint adds one to every hexagon of its disk, so a check is one lookup
 * (distance is symmetric); state is bounded by one window of complaints.
 */
export class BackgroundGuard {
  private readonly windowMs: number;
  private readonly maxEarlier: number;
  private readonly radius: number;
  /** Per category (index in CATEGORIES): hexagon -> recorded complaints within `radius` of it. */
  private readonly nearby: Map<string, number>[] = CATEGORIES.map(() => new Map());
  /** What was recorded, oldest first from `head`: parallel arrays, so no object per complaint. */
  private times: number[] = [];
  private categoryIndexes: number[] = [];
  private disks: string[][] = [];
  private head = 0;
  private readonly zones: ExclusionZone[];
  private nextZone = 0;
  private active: ExclusionZone[] = [];

  constructor(zones: readonly ExclusionZone[] = [], options: GuardOptions = {}) {
    this.windowMs = options.windowMs ?? 3_600_000;
    this.maxEarlier = options.maxEarlier ?? 4;
    this.radius = options.radius ?? 2;
    this.zones = [...zones].sort((a, b) => a.from - b.from);
  }

  /** Whether a complaint of `category` in `hex` at `t` (not before any earlier call) keeps the rule. */
  allows(category: Category, hex: string, t: number): boolean {
    this.advance(t);
    if (this.active.length > 0 && this.active.some((z) => z.categories.has(category) && z.hexes.has(hex))) return false;
    return (this.nearby[CATEGORY_INDEX.get(category)!]!.get(hex) ?? 0) <= this.maxEarlier;
  }

  /** Counts an accepted complaint for the ones that follow. */
  record(category: Category, hex: string, t: number): void {
    const index = CATEGORY_INDEX.get(category)!;
    const disk = gridDisk(hex, this.radius);
    const nearby = this.nearby[index]!;
    for (const h of disk) nearby.set(h, (nearby.get(h) ?? 0) + 1);
    this.times.push(t);
    this.categoryIndexes.push(index);
    this.disks.push(disk);
  }

  /** Complaints currently remembered (at most one window's worth). */
  get size(): number {
    return this.times.length - this.head;
  }

  private advance(t: number): void {
    while (this.head < this.times.length && this.times[this.head]! < t - this.windowMs) {
      const nearby = this.nearby[this.categoryIndexes[this.head]!]!;
      for (const h of this.disks[this.head]!) {
        const left = nearby.get(h)! - 1;
        if (left === 0) nearby.delete(h);
        else nearby.set(h, left);
      }
      this.disks[this.head] = NO_DISK;
      this.head += 1;
    }
    // Compact once the expired prefix outgrows what is live: amortised O(1), memory ~ one window.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.categoryIndexes = this.categoryIndexes.slice(this.head);
      this.disks = this.disks.slice(this.head);
      this.head = 0;
    }
    while (this.nextZone < this.zones.length && this.zones[this.nextZone]!.from <= t)
      this.active.push(this.zones[this.nextZone++]!);
    if (this.active.some((z) => z.to < t)) this.active = this.active.filter((z) => z.to >= t);
  }
}
