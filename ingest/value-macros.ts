import { mapValue, type DuckDBValue } from '@duckdb/node-api';
import { ALIASED_FIELDS, FULL_WIDTH, HALF_WIDTH, VALUE_ALIASES, acceptedValues } from '../domain/value-aliases.js';
import { quoteLiteral } from '../store/sql-files.js';

/** `2026年10月5日 10:00` as `2026-10-5 10:00`, which DuckDB casts (as it does `2026/10/5 10:00`). */
const CHINESE_DATE_FORMATS = "['%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日']";
const chineseDate = (x: string): string =>
  `replace(replace(replace(replace(${x}, '年', '-'), '月', '-'), '日 ', ' '), '日', ' ')`;

/**
 * Creates the temp macros the check queries share: `alias_of(aliases, x)` looks a value up as
 * domain/value-aliases.ts folds it (full-width to ASCII, trimmed, lower case) and
 * `local_timestamp(x)` reads ISO-8601 and the operators' forms (`2026/10/5 10:00`,
 * `2026年10月5日 10:00`, full-width digits), local to the session's zone unless an offset is given.
 * translate() over the full-width table costs ~15 µs a value, so it runs only for values the
 * cheaper spellings miss (COALESCE evaluates an argument only for the rows still NULL).
 */
export async function createValueMacros(conn: { run: (sql: string) => Promise<unknown> }): Promise<void> {
  await createCheckMacros(conn);
  // A macro takes no parameters: the folding table (our constant) is written in, quoted.
  const halfWidth = (x: string): string => `translate(${x}, ${quoteLiteral(FULL_WIDTH)}, ${quoteLiteral(HALF_WIDTH)})`;
  await conn.run(`CREATE OR REPLACE TEMP MACRO alias_of(aliases, x) AS coalesce(map_extract_value(aliases, lower(x)),
    map_extract_value(aliases, lower(trim(${halfWidth('x')}))))`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO local_timestamp(x) AS ${localTimestampSql('x')}`);
}

/**
 * The body of `local_timestamp(x)` over the SQL expression `x`, for a statement that must not run
 * DDL first (the live write path).
 */
export function localTimestampSql(x: string): string {
  const halfWidth = (v: string): string => `translate(${v}, ${quoteLiteral(FULL_WIDTH)}, ${quoteLiteral(HALF_WIDTH)})`;
  // strptime reads the Chinese form at a tenth of the cost of rewriting it; a naive result is local time.
  return `coalesce(TRY_CAST(${x} AS TIMESTAMPTZ),
    CAST(TRY_STRPTIME(CAST(${x} AS VARCHAR), ${CHINESE_DATE_FORMATS}) AS TIMESTAMPTZ),
    TRY_CAST(trim(${chineseDate(halfWidth(`CAST(${x} AS VARCHAR)`))}) AS TIMESTAMPTZ))`;
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

/**
 * The rules every check query applies to several fields, written once: `choice_of` types an enumerated value (the
 * canonical spelling skips the alias lookup), `choice_problem` words a missing or unknown one, `control_problem`
 * names a control character. Parameters never share a column's name, so a macro reads only what it is given.
 */
async function createCheckMacros(conn: { run: (sql: string) => Promise<unknown> }): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP MACRO choice_of(choices, aliases, raw_value) AS
    CASE WHEN list_contains(choices, raw_value) THEN raw_value ELSE alias_of(aliases, raw_value) END`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO
    choice_problem(field_name, raw_value, typed_value, accepted, row_error) AS
    CASE WHEN row_error IS NOT NULL THEN NULL
         WHEN raw_value IS NULL THEN field_name || ' is empty'
         WHEN typed_value IS NULL THEN format('{} "{}" is not one of {}', field_name, raw_value, accepted) END`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO control_problem(field_name, raw_value, pattern, reason) AS
    CASE WHEN regexp_matches(raw_value, pattern)
      THEN format(reason, field_name, unicode(regexp_extract(raw_value, pattern))) END`);
}
