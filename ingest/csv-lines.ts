import type { DuckDBConnection } from '@duckdb/node-api';
import { createReadStream } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Whether a CSV file has an empty line with a row after it. DuckDB's CSV reader skips empty
 * lines, so only then is a row's line number not its position + 2 (a quoted field cannot span
 * lines: our reader refuses that). A plain scan for "\n\n" and "\n\r\n", cheap enough to run
 * beside DuckDB's own read; compressed or unreadable files answer true (then `mapCsvLines`).
 */
export async function hasInnerBlankLine(path: string): Promise<boolean> {
  if (/\.(gz|zst)$/i.test(path)) return true;
  try {
    let carry: Buffer = Buffer.alloc(0);
    let blankSeen = false;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      // The last bytes of the previous chunk go first, so a pattern split across chunks is found.
      const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      if (blankSeen && hasText(buf, carry.length)) return true;
      const at = firstBlank(buf);
      if (at >= 0) {
        blankSeen = true;
        if (hasText(buf, at)) return true;
      }
      carry = buf.subarray(Math.max(0, buf.length - 2));
    }
    return false;
  } catch {
    return true;
  }
}

function firstBlank(buf: Buffer): number {
  const lf = buf.indexOf('\n\n');
  const crlf = buf.indexOf('\n\r\n');
  return lf < 0 ? crlf : crlf < 0 ? lf : Math.min(lf, crlf);
}

function hasText(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i += 1) if (buf[i] !== LF && buf[i] !== CR) return true;
  return false;
}

/**
 * Fills the temp table `csv_lines(ord, line)`: the physical line of the `ord`-th row (0-based,
 * header excluded) of a CSV file, skipping empty lines as DuckDB's CSV reader does. Reads the
 * file a second time, line by line; only for files `hasInnerBlankLine` flags.
 */
export async function mapCsvLines(conn: DuckDBConnection, path: string): Promise<void> {
  // A delimiter that never occurs and no quoting: one row per physical line, an empty one as NULL.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE csv_lines AS
     SELECT row_number() OVER (ORDER BY line) - 1 AS ord, line
     FROM (SELECT row_number() OVER () AS line, text FROM read_csv($p, columns = {'text': 'VARCHAR'},
             header = false, delim = E'\\x01', quote = '', escape = '', auto_detect = false))
     WHERE line > 1 AND text IS NOT NULL AND text <> E'\\r'`,
    { p: path },
  );
}
