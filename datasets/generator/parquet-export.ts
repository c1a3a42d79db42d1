import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../store/sql-files.js';

/** A CSV column and the Parquet type it is stored as. */
export type ParquetColumns = readonly (readonly [name: string, type: string])[];

export interface ParquetJob {
  csv: string;
  parquet: string;
  columns: ParquetColumns;
}

/**
 * Converts CSV files written by the generator to typed Parquet with an in-memory DuckDB
 * (`COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)`). Column types are given, not
 * sniffed, so a 10M-row file cannot be mistyped from its first rows; timestamps become
 * TIMESTAMPTZ instants (the +08:00 offset is applied, not lost).
 */
export async function csvToParquet(jobs: readonly ParquetJob[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const job of jobs) {
      // The column spec and target path are ours (constants and the output path), written as
      // literals because COPY and read_csv take neither as a parameter.
      const fields = job.columns.map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type)}`);
      const columns = `{${fields.join(', ')}}`;
      await conn.run(
        `COPY (SELECT * FROM read_csv($csv, header = true, auto_detect = false, columns = ${columns}))
         TO ${quoteLiteral(job.parquet)} (FORMAT parquet)`,
        { csv: job.csv },
      );
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
