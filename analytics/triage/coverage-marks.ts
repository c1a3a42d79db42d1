import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { readDataVersion, type Database } from '../../store/database.js';
import { COVERAGE_CATEGORIES } from '../../domain/enums.js';
import { firstAtLeast } from '../first-at-least.js';
import { TRIAGE_RULES } from './route-probes.js';

/** A coverage complaint where the weak-coverage rule counts it: its hexagon and received_at (epoch µs). */
export interface CoverageMark {
  h3: string;
  us: bigint;
}

const DAY_MS = 86_400_000;

/**
 * The received_at of every stored coverage complaint (weak_coverage, no_signal, no_service), per
 * hexagon, in order: the live path counts a hexagon's known weak coverage (SPEC §11, 90 days) here
 * instead of scanning the complaints of 90 days, a scan that grows with the data held. Times are
 * doubles of epoch µs, exact below 2^53 µs (the year 2255); a probe beyond is left to the SQL.
 * The owner keeps it in step with the complaints (`apply`) or drops it.
 */
export class CoverageMarks {
  private readonly offsets: ZoneOffsets;

  private constructor(
    private readonly byHex: Map<string, number[]>,
    timeZone: string,
  ) {
    this.offsets = new ZoneOffsets(timeZone);
  }

  /** Reads every stored coverage complaint's hexagon and time (one grouped scan of two columns). */
  static async load(conn: DuckDBConnection, timeZone: string): Promise<CoverageMarks> {
    const reader = await conn.runAndReadAll(
      `SELECT h3, list(epoch_us(received_at)::DOUBLE ORDER BY received_at) AS marks FROM complaints
       WHERE h3 IS NOT NULL AND category IN (SELECT unnest($coverage)) GROUP BY h3`,
      { coverage: listValue([...COVERAGE_CATEGORIES]) },
    );
    const [hexes = [], marks = []] = reader.getColumnsJS();
    const byHex = new Map<string, number[]>();
    hexes.forEach((h, i) => byHex.set(String(h), marks[i] as number[]));
    return new CoverageMarks(byHex, timeZone);
  }

  /**
   * The start of a coverage probe's window, `t` less weakDays calendar days in the database's zone
   * (as the SQL rules subtract them), when that is plain arithmetic: no change of UTC offset within a
   * day of the start and the same offset as at `t`. Undefined otherwise (the SQL decides).
   */
  windowStart(us: bigint): bigint | undefined {
    if (us > MAX_EXACT || us < -MAX_EXACT) return undefined;
    const ms = Number(us / 1000n);
    const startMs = ms - TRIAGE_RULES.weakDays * DAY_MS;
    const offset = this.offsets.at(ms);
    for (const at of [startMs - DAY_MS, startMs, startMs + DAY_MS])
      if (this.offsets.at(at) !== offset) return undefined;
    return us - BigInt(TRIAGE_RULES.weakDays * DAY_MS) * 1000n;
  }

  /** Stored coverage complaints of `h3` received in [lo, hi) (epoch µs). */
  count(h3: string, lo: bigint, hi: bigint): number {
    const marks = this.byHex.get(h3);
    return marks ? firstAtLeast(marks, Number(hi)) - firstAtLeast(marks, Number(lo)) : 0;
  }

  /** Keeps the marks in step with a committed write: the coverage rows it stored and those it replaced. */
  apply(added: readonly CoverageMark[], removed: readonly CoverageMark[]): void {
    for (const { h3, us } of removed) {
      const marks = this.byHex.get(h3);
      const i = marks ? firstAtLeast(marks, Number(us)) : -1;
      if (marks && marks[i] === Number(us)) marks.splice(i, 1);
    }
    for (const { h3, us } of added) {
      const marks = this.byHex.get(h3) ?? [];
      marks.splice(firstAtLeast(marks, Number(us)), 0, Number(us));
      this.byHex.set(h3, marks);
    }
  }
}

/** A live write's view of the marks, taken at its start in the writer's queue. */
export interface MarksTaken {
  /** The marks to count on, or undefined while they load (then weak coverage is counted in SQL). */
  marks: CoverageMarks | undefined;
  /** The data version of the last write of complaints before this one. */
  prior: number;
}

/** A committed live write's change to the marks. */
interface MarksChange {
  prior: number;
  version: number;
  added: readonly CoverageMark[];
  removed: readonly CoverageMark[];
}

/**
 * The coverage marks a server holds for its database, kept in step with every committed write:
 * live writes apply their own rows (`afterLiveWrite`); any other write of complaints (a file
 * ingest) makes them reload in the background (`reload`) on a reader connection, so no request
 * waits for it. The load reads the data version in the same snapshot, and the live writes that
 * commit meanwhile are applied on top once it is done. Until then a live write takes no marks
 * and counts weak coverage in SQL, so every answer stays exact.
 */
export class HeldCoverageMarks {
  private marks: CoverageMarks | undefined;
  /** The data version the marks hold: every write of complaints up to it, none after. */
  private version = -1;
  private loading: Promise<void> | undefined;
  /** A write of complaints the running load may have missed: load again when it ends. */
  private stale = false;
  private readonly missed: MarksChange[] = [];

  constructor(private readonly db: Database) {}

  /** Call at a live write's start, in the writer's queue; starts a reload when the marks are behind. */
  take(): MarksTaken {
    const prior = this.db.lastChangeOf('complaints');
    if (this.loading) return { marks: undefined, prior };
    if (this.marks && this.version >= prior) return { marks: this.marks, prior };
    void this.reload();
    return { marks: undefined, prior };
  }

  /** Right after a live write committed (the data version is its own): its rows join, those it replaced leave. */
  afterLiveWrite(taken: MarksTaken, added: readonly CoverageMark[], removed: readonly CoverageMark[]): void {
    const change = { prior: taken.prior, version: this.db.dataVersion, added, removed };
    if (this.loading) this.missed.push(change);
    else this.applyChange(change);
  }

  /**
   * Loads the marks again in the background (after a write of complaints other than a live one);
   * resolves once they are held. During a load, it asks for another after it: that write may be missed.
   */
  reload(): Promise<void> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = this.load()
      .catch(() => undefined) // a failed load leaves the marks behind: the next live write starts another
      .finally(() => {
        this.loading = undefined;
        if (this.stale) void this.reload();
      });
    return this.loading;
  }

  /** Loads the marks on the writer's connection, in its queue (no write commits meanwhile): at start-up. */
  async loadInWriter(conn: DuckDBConnection): Promise<void> {
    await this.idle();
    [this.marks, this.version] = [await CoverageMarks.load(conn, this.db.settings.timeZone), this.db.dataVersion];
  }

  /** Resolves once no load is running (nor one asked for after it). */
  async idle(): Promise<void> {
    while (this.loading) await this.loading;
  }

  private async load(): Promise<void> {
    this.stale = false;
    this.missed.length = 0;
    const { marks, version } = await this.db.use(async (conn) => {
      // One snapshot for both reads: the marks are those of exactly this data version.
      await conn.run('BEGIN TRANSACTION');
      try {
        return {
          version: await readDataVersion(conn),
          marks: await CoverageMarks.load(conn, this.db.settings.timeZone),
        };
      } finally {
        await conn.run('ROLLBACK');
      }
    });
    if (this.stale) return;
    [this.marks, this.version] = [marks, version];
    for (const change of this.missed.splice(0)) if (change.version > version) this.applyChange(change);
  }

  private applyChange(change: MarksChange): void {
    // The marks must hold every write of complaints before this one.
    if (!this.marks || this.version < change.prior) return;
    this.marks.apply(change.added, change.removed);
    this.version = change.version;
  }
}

/** Whether a complaint of this category counts towards weak coverage. */
export function isCoverage(category: string): boolean {
  return (COVERAGE_CATEGORIES as readonly string[]).includes(category);
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** A time zone's UTC offset (ms) at an instant, from the runtime's ICU data, cached per minute. */
class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  at(ms: number): number {
    const minute = Math.floor(ms / 60_000);
    const cached = this.cache.get(minute);
    if (cached !== undefined) return cached;
    const whole = minute * 60_000;
    const parts = Object.fromEntries(this.format.formatToParts(new Date(whole)).map((p) => [p.type, Number(p.value)]));
    const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    const offset = local - whole;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(minute, offset);
    return offset;
  }
}
