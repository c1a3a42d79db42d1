import type { DuckDBConnection } from '@duckdb/node-api';
import { readValue } from '../store/row-reader.js';

/** The newest complaint's received_at in `conn`'s snapshot, epoch ms (truncated); null when there is none. */
export async function readNewestComplaintMs(conn: DuckDBConnection): Promise<number | null> {
  const value = await readValue(conn, 'SELECT epoch_ms(max(received_at)) FROM complaints');
  return value === null || value === undefined ? null : Number(value);
}
