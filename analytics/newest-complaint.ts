import type { DuckDBConnection } from '@duckdb/node-api';
import { readValue, type Params } from '../store/row-reader.js';

/**
 * The newest complaint's received_at in `conn`'s snapshot, epoch ms (truncated); null when there is none. With
 * `since`, only complaints from just before it on are read (zone maps skip older row groups, so the cost does not
 * grow with history) and a newest older than `since` may come back as null.
 */
export async function readNewestComplaintMs(
  conn: DuckDBConnection,
  since: number | null = null,
): Promise<number | null> {
  const where = since === null ? '' : 'WHERE received_at >= to_timestamp($from)';
  const params: Params = since === null ? {} : { from: (since - 1) / 1000 };
  const value = await readValue(conn, `SELECT epoch_ms(max(received_at)) FROM complaints ${where}`, params);
  return value === null || value === undefined ? null : Number(value);
}
