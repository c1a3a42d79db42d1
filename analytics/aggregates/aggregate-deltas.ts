import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../store/database.js';
import { DAY_COUNTS } from './complaint-aggregates.js';

/** Delta rows held before a fold is queued: a fold of this many costs one write a few ms, once in many. */
export const FOLD_AFTER_ROWS = 4096;

/**
 * Sums the delta rows live writes appended (migration 008) into agg_complaint_days and
 * agg_hexagon_months and empties the delta tables, on the caller's connection and transaction.
 * What the views of migration 008 answer is the same before and after.
 */
export async function foldAggregateDeltas(conn: DuckDBConnection): Promise<void> {
  const sums = DAY_COUNTS.map((name) => `sum(${name})::BIGINT`).join(', ');
  const updates = DAY_COUNTS.map((name) => `${name} = ${name} + excluded.${name}`).join(', ');
  await conn.run(`INSERT INTO agg_complaint_days
    SELECT city, technology, category, day, ${sums} FROM agg_complaint_days_delta GROUP BY ALL
    ON CONFLICT DO UPDATE SET ${updates}`);
  await conn.run(`INSERT INTO agg_hexagon_months
    SELECT h3, month, city, sum(complaints)::BIGINT FROM agg_hexagon_months_delta GROUP BY ALL
    ON CONFLICT DO UPDATE SET complaints = complaints + excluded.complaints`);
  await conn.run('DELETE FROM agg_complaint_days_delta; DELETE FROM agg_hexagon_months_delta');
}

/**
 * Per database, how many delta rows wait for a fold; once `FOLD_AFTER_ROWS` do, a fold is queued
 * behind the writes already waiting, as its own transaction (no data change: the sums stay), so
 * the write that crossed the mark answers without paying it. The count starts unknown at open (a
 * process may have stopped with rows held), so the first live write queues a fold.
 */
export class AggregateDeltas {
  private static readonly held = new WeakMap<Database, AggregateDeltas>();
  private rows = Number.POSITIVE_INFINITY;
  private folding = false;

  private constructor(private readonly db: Database) {}

  static of(db: Database): AggregateDeltas {
    let deltas = AggregateDeltas.held.get(db);
    if (!deltas) {
      deltas = new AggregateDeltas(db);
      AggregateDeltas.held.set(db, deltas);
    }
    return deltas;
  }

  /** After a write that appended `appended` delta rows committed. */
  committed(appended: number): void {
    this.rows += appended;
    if (this.rows < FOLD_AFTER_ROWS || this.folding) return;
    this.folding = true;
    this.rows = 0;
    // A failed fold (e.g. the database closing) leaves the rows, which readers sum meanwhile, to the next one.
    void this.db
      .write(foldAggregateDeltas, { dataChange: false })
      .catch(() => (this.rows = Number.POSITIVE_INFINITY))
      .finally(() => (this.folding = false));
  }
}
