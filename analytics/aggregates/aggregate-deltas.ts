import type { DuckDBConnection } from '@duckdb/node-api';
import { perDatabase } from '../../store/per-database.js';
import { ADD_DAY_COUNTS, DAY_COUNTS } from './complaint-aggregates.js';

/** Delta rows held before a live write folds them: a fold of this many costs that write a few ms, once in many. */
export const FOLD_AFTER_ROWS = 4096;

/**
 * Sums the delta rows live writes appended (agg_deltas, migration 010) into agg_complaint_days and
 * agg_hexagon_months and empties the delta table, on the caller's connection and transaction.
 * What the views of migrations 008 and 010 answer is the same before and after.
 */
export async function foldAggregateDeltas(conn: DuckDBConnection): Promise<void> {
  const sums = DAY_COUNTS.map((name) => `sum(${name})::BIGINT`).join(', ');
  await conn.run(`INSERT INTO agg_complaint_days
    SELECT city, technology, category, day, ${sums} FROM agg_deltas WHERE h3 IS NULL GROUP BY ALL
    ${ADD_DAY_COUNTS}`);
  await conn.run(`INSERT INTO agg_hexagon_months
    SELECT h3, month, city, sum(complaints)::BIGINT FROM agg_deltas WHERE h3 IS NOT NULL GROUP BY ALL
    ON CONFLICT DO UPDATE SET complaints = complaints + excluded.complaints`);
  await conn.run('DELETE FROM agg_deltas');
}

/**
 * Per database, how many delta rows wait for a fold. The live write that brings them to
 * `FOLD_AFTER_ROWS` folds them in its own transaction (a few ms, once in many writes), so a fold
 * commits or rolls back with a write and nothing changes the tables between writes. The count
 * starts unknown at open (a process may have stopped with rows held): the first live write folds.
 */
export class AggregateDeltas {
  static readonly of = perDatabase(() => new AggregateDeltas()).of;
  private rows = Number.POSITIVE_INFINITY;

  /** In a write that appended `appended` delta rows: folds when they reach the mark; answers whether it did. */
  async foldIfDue(conn: DuckDBConnection, appended: number): Promise<boolean> {
    if (this.rows + appended < FOLD_AFTER_ROWS) return false;
    await foldAggregateDeltas(conn);
    return true;
  }

  /** Once that write committed (a rolled-back one changes nothing): `appended` rows, `later` of them after its fold. */
  committed(appended: number, folded: boolean, later = 0): void {
    this.rows = folded ? later : this.rows + appended;
  }
}
