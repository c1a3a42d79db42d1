import {
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBResultReader,
  type DuckDBValueConverter,
  type DuckDBValue,
  type JS,
} from '@duckdb/node-api';

/** A value as it leaves the store: JSON-safe (no bigint, timestamps as ISO-8601 text). */
export type Decoded = JS;
export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

const WIDE_INTEGERS = new Set([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

/**
 * The one decoding of DuckDB values (the store's BigInt policy): wide integers become numbers when
 * they are safe integers and decimal text beyond (ids, never counts, get that large); TIMESTAMPTZ
 * becomes UTC ISO-8601 text (`2026-10-05T02:00:00.000Z`); lists and structs are decoded item by item.
 */
export const decodeValue: DuckDBValueConverter<Decoded> = (value, type, converter) => {
  if (value === null) return null;
  if (WIDE_INTEGERS.has(type.typeId)) return safeNumber(value as bigint);
  if (type.typeId === DuckDBTypeId.TIMESTAMP_TZ) {
    const date = JSDuckDBValueConverter(value, type, converter) as Date;
    return date.toISOString();
  }
  return JSDuckDBValueConverter(value, type, converter);
};

function safeNumber(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : String(value);
}

/** The rows of a read result as objects of decoded values; `T` names the columns the SQL selects. */
export function decodeRows<T extends object = Row>(reader: DuckDBResultReader): T[] {
  return reader.convertRowObjects(decodeValue) as T[];
}

/** The columns of a read result as arrays of decoded values, in select order. */
export function decodeColumns(reader: DuckDBResultReader): Decoded[][] {
  return reader.convertColumns(decodeValue);
}

/** Runs one query on `conn` and returns its rows decoded (see `decodeValue`). */
export async function readRows<T extends object = Row>(
  conn: DuckDBConnection,
  sql: string,
  params?: Params,
): Promise<T[]> {
  return decodeRows<T>(await conn.runAndReadAll(sql, params));
}

/** The first column of the first row (a count, a sequence value), decoded; null without a row. */
export async function readValue(conn: DuckDBConnection, sql: string, params?: Params): Promise<Decoded> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.currentRowCount === 0 ? null : decodeValue(reader.value(0, 0), reader.columnType(0), decodeValue);
}
