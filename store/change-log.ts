/** A span of time, epoch ms, both ends inclusive (a point in time is `{ from: t, to: t }`). */
export interface TimeSpan {
  from: number;
  to: number;
}

/** Every span: what an answer reads when it is not limited in time, or a write that may have changed anything. */
export const ALL_TIME: TimeSpan = { from: -Infinity, to: Infinity };

/**
 * The recent writes of one data topic, each with the span of time it changed, so that an answer
 * over a span of time keeps its cache tag while writes land elsewhere (a live complaint of today
 * leaves last month's hexagons cached). Bounded: an entry that falls out counts as having
 * changed everything, so the log is only ever too careful, never wrong.
 */
export class ChangeLog {
  private readonly entries: { version: number; span: TimeSpan | null }[] = [];
  /** The newest version forgotten (or the version at open): assumed to have changed everything. */
  private floor: number;

  constructor(
    version: number,
    private readonly capacity = 512,
  ) {
    this.floor = version;
  }

  /** A write at `version` changed `span` of this topic (null: nothing dated, only topic-wide answers move). */
  record(version: number, span: TimeSpan | null): void {
    this.entries.push({ version, span });
    if (this.entries.length > this.capacity) this.floor = this.entries.shift()!.version;
  }

  /** The version of the last write that changed something in `span` (any write of the topic when absent). */
  lastChangeIn(span?: TimeSpan): number {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      const entry = this.entries[i]!;
      if (span === undefined || (entry.span !== null && overlaps(entry.span, span))) return entry.version;
    }
    return this.floor;
  }
}

/** Whether two inclusive spans share an instant. */
export function overlaps(a: TimeSpan, b: TimeSpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The smallest span holding every given one; null when none is given, all time when one is not a number. */
export function spanOfSpans(spans: readonly (TimeSpan | null)[]): TimeSpan | null {
  let out: TimeSpan | null = null;
  for (const span of spans) {
    if (span === null) continue;
    if (Number.isNaN(span.from) || Number.isNaN(span.to)) return ALL_TIME;
    out = out === null ? { ...span } : { from: Math.min(out.from, span.from), to: Math.max(out.to, span.to) };
  }
  return out;
}
