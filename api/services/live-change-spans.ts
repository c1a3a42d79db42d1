import type { DuckDBConnection } from '@duckdb/node-api';
import type { IncidentChange } from '../../analytics/clusters/incidents/incident-change.js';
import { readNewestSeen, type KnownNewest } from '../../analytics/alerts/event-log.js';
import { readNewestComplaintMs } from '../../analytics/newest-complaint.js';
import type { ComplaintPlace, LiveWrite } from '../../ingest/live-ingest.js';
import { ALL_TIME, spanOfSpans, type TimeSpan } from '../../store/change-log.js';
import type { Database, TopicSpans } from '../../store/database.js';

/**
 * Per database, at the data version of the last live write: the newest complaint's received_at (exact;
 * epoch ms, null: none), the value the alert closing check stored then (at least the newest; null: none)
 * and what that check knew of the incidents' ends (`KnownNewest.endsFrom`).
 */
interface NewestHeld {
  version: number;
  ms: number | null;
  seen: number | null;
  endsFrom?: number;
}
const newestKnown = new WeakMap<Database, NewestHeld>();

/**
 * The spans of time one live write changed (Database.write `changed`), so that cached answers over
 * other times keep their tags: the complaints it wrote or replaced (old and new times), the
 * incidents it took away or wrote (their whole spans), and how far the newest complaint moved.
 * Created in the write's transaction before anything is written.
 */
export class LiveChangeSpans {
  private changed: TopicSpans = {};
  private newestAfter: number | null = null;
  private readonly settings: Record<string, string> = {};
  private endsFromAfter: number | undefined;

  private constructor(
    private readonly db: Database,
    private readonly newestBefore: number | null,
    private readonly seenBefore: number | null,
    private readonly endsFromBefore?: number,
  ) {}

  /** Read from the store only when another write came since the last live write. */
  static async start(db: Database, conn: DuckDBConnection): Promise<LiveChangeSpans> {
    const held = newestKnown.get(db);
    if (held?.version === db.dataVersion) return new LiveChangeSpans(db, held.ms, held.seen, held.endsFrom);
    return new LiveChangeSpans(db, await readNewestComplaintMs(conn), await readNewestSeen(conn));
  }

  /** Once the batch and its incidents are written (same transaction). */
  async written(conn: DuckDBConnection, live: LiveWrite, incidents: IncidentChange): Promise<void> {
    const touched = [...live.written, ...live.replaced];
    const incidentSpan = incidentSpanOf(incidents);
    // Routes and memberships move inside the incidents' spans, so complaints there count as changed too.
    this.changed.complaints = spanOfSpans([...touched.map(pointOf), incidentSpan]);
    this.changed.incidents = incidentSpan;
    this.newestAfter = await this.newestNow(conn, live);
    const [before, after] = [this.newestBefore ?? -Infinity, this.newestAfter ?? -Infinity];
    this.changed.newest = before === after ? null : { from: Math.min(before, after), to: Math.max(before, after) + 1 };
  }

  /** For `Database.write`'s `changed`. */
  spans(): TopicSpans {
    return this.changed;
  }

  /** For the alert closing check, once `written`: it reads nothing, and its setting is stored with the version. */
  closingCheck(): KnownNewest {
    const keep = (key: string, value: string): void => {
      this.settings[key] = value;
    };
    const keepEndsFrom = (ms: number): void => {
      this.endsFromAfter = ms;
    };
    const ends = this.endsFromBefore === undefined ? {} : { endsFrom: this.endsFromBefore };
    return { seen: this.seenBefore, newest: this.newestAfter, keep, keepEndsFrom, ...ends };
  }

  /** For `Database.write`'s `settings`. */
  settingsToStore(): Readonly<Record<string, string>> {
    return this.settings;
  }

  /** Right after the commit: the newest complaint and what the closing check stored are known at the new version. */
  committed(): void {
    const [newest, seen] = [this.newestAfter, this.seenBefore];
    const seenAfter = newest !== null && (seen === null || newest > seen) ? newest : seen;
    const ends = this.endsFromAfter === undefined ? {} : { endsFrom: this.endsFromAfter };
    newestKnown.set(this.db, { version: this.db.dataVersion, ms: newest, seen: seenAfter, ...ends });
  }

  /** A replaced row at the newest time (it may have moved back) or a time before 1970 (truncation): read it. */
  private async newestNow(conn: DuckDBConnection, live: LiveWrite): Promise<number | null> {
    const before = this.newestBefore;
    const unsure =
      live.replaced.some((p) => before === null || p.t + 1 >= before) || live.written.some((p) => p.us < 0n);
    if (unsure) return readNewestComplaintMs(conn);
    return live.written.reduce((max, p) => Math.max(max, p.t), before ?? -Infinity);
  }
}

/** A complaint's instant as a span: `t` is its received_at truncated to the millisecond. */
function pointOf(place: ComplaintPlace): TimeSpan {
  return { from: place.t, to: place.t + 1 };
}

function incidentSpanOf(change: IncidentChange): TimeSpan | null {
  if (change.opened.length + change.updated.length + change.removed.length === 0) return null;
  return change.span === undefined ? ALL_TIME : change.span;
}
