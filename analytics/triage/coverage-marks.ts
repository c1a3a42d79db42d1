import { BIGINT, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../store/database.js';
import { HeldState } from '../../store/held-state.js';
import { COVERAGE_CATEGORIES } from '../../domain/enums.js';
import { firstAtLeast } from '../first-at-least.js';
import { TRIAGE_RULES } from './triage-rules.js';

/** A coverage complaint where the weak-coverage rule counts it: its hexagon and received_at (epoch µs). */
export interface CoverageMark {
  h3: string;
  us: bigint;
}

const DAY_MS = 86_400_000;

/**
 * The received_at of the recent stored coverage complaints (weak_coverage, no_signal, no_service), per
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
    /** Every stored coverage complaint received at or after this (epoch µs) is held. */
    private readonly from: bigint,
  ) {
    this.offsets = new ZoneOffsets(timeZone);
  }

  /**
   * Reads the hexagon and time of the stored coverage complaints received since `weakDays` + 2 days before
   * the newest complaint (one grouped scan of two columns, of the recent row groups only): live complaints
   * arrive around the newest, and a window that starts before that horizon is left to the SQL.
   */
  static async load(conn: DuckDBConnection, timeZone: string): Promise<CoverageMarks> {
    const newest = await conn.runAndReadAll('SELECT epoch_us(max(received_at)) FROM complaints');
    const newestUs = newest.getRowsJS()[0]?.[0];
    const from = newestUs === null || newestUs === undefined ? MIN_US : BigInt(newestUs as bigint) - HORIZON_US;
    const reader = await conn.runAndReadAll(
      `SELECT h3, list(epoch_us(received_at)::DOUBLE ORDER BY received_at) AS marks FROM complaints
       WHERE received_at >= to_timestamp(0) + to_microseconds($from)
         AND h3 IS NOT NULL AND category IN (SELECT unnest($coverage)) GROUP BY h3`,
      { coverage: listValue([...COVERAGE_CATEGORIES]), from },
      { from: BIGINT },
    );
    const [hexes = [], marks = []] = reader.getColumnsJS();
    const byHex = new Map<string, number[]>();
    hexes.forEach((h, i) => byHex.set(String(h), marks[i] as number[]));
    return new CoverageMarks(byHex, timeZone, from);
  }

  /**
   * The start of a coverage probe's window, `t` less weakDays calendar days in the database's zone
   * (as the SQL rules subtract them), when that is plain arithmetic: no change of UTC offset within a
   * day of the start and the same offset as at `t`, and the window starts within the held marks.
   * Undefined otherwise (the SQL decides).
   */
  windowStart(us: bigint): bigint | undefined {
    if (us > MAX_EXACT || us < -MAX_EXACT || us - WEAK_US < this.from) return undefined;
    const ms = Number(us / 1000n);
    const startMs = ms - TRIAGE_RULES.weakDays * DAY_MS;
    const offset = this.offsets.at(ms);
    for (const at of [startMs - DAY_MS, startMs, startMs + DAY_MS])
      if (this.offsets.at(at) !== offset) return undefined;
    return us - WEAK_US;
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

/** A committed live write's change to the marks: the coverage rows it stored and those it replaced. */
interface MarksChange {
  added: readonly CoverageMark[];
  removed: readonly CoverageMark[];
}

/**
 * The coverage marks a server holds for its database, kept in step with every committed write
 * (store/held-state.ts): live writes apply their own rows; any other write of complaints makes them
 * reload in the background. Until then a live write takes no marks and counts weak coverage in SQL.
 */
export class HeldCoverageMarks extends HeldState<CoverageMarks, MarksChange> {
  constructor(db: Database) {
    super(
      db,
      (conn) => CoverageMarks.load(conn, db.settings.timeZone),
      (marks, { added, removed }) => marks.apply(added, removed),
    );
  }

  /** Call at a live write's start, in the writer's queue; starts a reload when the marks are behind. */
  take(): MarksTaken {
    const { state, prior } = this.takeState();
    return { marks: state, prior };
  }

  /** Right after a live write committed (the data version is its own): its rows join, those it replaced leave. */
  afterLiveWrite(taken: MarksTaken, added: readonly CoverageMark[], removed: readonly CoverageMark[]): void {
    this.committedLive(taken.prior, { added, removed });
  }
}

/** Whether a complaint of this category counts towards weak coverage. */
export function isCoverage(category: string): boolean {
  return (COVERAGE_CATEGORIES as readonly string[]).includes(category);
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_US = -MAX_EXACT;
const WEAK_US = BigInt(TRIAGE_RULES.weakDays * DAY_MS) * 1000n;
/** How far before the newest complaint the marks reach: the weak-coverage window and two days of late ones. */
const HORIZON_US = BigInt((TRIAGE_RULES.weakDays + 2) * DAY_MS) * 1000n;

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
