import { mapValue, type DuckDBValue } from '@duckdb/node-api';
import { ALIASED_FIELDS, FULL_WIDTH, HALF_WIDTH, VALUE_ALIASES, acceptedValues } from '../domain/value-aliases.js';
import { quoteLiteral } from '../store/sql-files.js';

/** Spells `2026年10月5日 10:00` as `2026-10-5 10:00`, which DuckDB casts (as it does `2026/10/5 10:00`). */
const CHINESE_DATE = String.raw`'^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*'`;

/**
 * Creates the temp macros the check queries share: `fold_value(x)` compares a value as
 * domain/value-aliases.ts does (full-width to ASCII, trimmed, lower case) and
 * `local_timestamp(x)` reads ISO-8601 and the operators' forms (`2026/10/5 10:00`,
 * `2026年10月5日 10:00`), local to the session's zone unless an offset is given.
 */
export async function createValueMacros(conn: { run: (sql: string) => Promise<unknown> }): Promise<void> {
  // A macro takes no parameters: the folding table (our constant) is written in, quoted.
  const widths = `${quoteLiteral(FULL_WIDTH)}, ${quoteLiteral(HALF_WIDTH)}`;
  await conn.run(`CREATE OR REPLACE TEMP MACRO fold_value(x) AS lower(trim(translate(x, ${widths})))`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO local_timestamp(x) AS coalesce(TRY_CAST(x AS TIMESTAMPTZ),
    TRY_CAST(trim(regexp_replace(trim(translate(CAST(x AS VARCHAR), ${widths})), ${CHINESE_DATE}, '\\1-\\2-\\3 ')) AS TIMESTAMPTZ))`);
}

/**
 * The check queries' parameters for the aliased fields: `$<field>_aliases` (folded spelling →
 * canonical value) and `$<field>_accepted` (the accepted values with their Chinese aliases, for reasons).
 */
export const ALIAS_PARAMS: Record<string, DuckDBValue> = Object.fromEntries(
  ALIASED_FIELDS.flatMap((field) => [
    [`${field}_aliases`, mapValue([...VALUE_ALIASES[field]].map(([key, value]) => ({ key, value })))],
    [`${field}_accepted`, acceptedValues(field)],
  ]),
);
