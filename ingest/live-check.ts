import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { COMPLAINT_FIELDS, type ComplaintField } from '../domain/complaint-fields.js';
import { controlCharacterReason } from '../domain/control-characters.js';
import type { Category, ResolutionKind, Technology } from '../domain/enums.js';
import { acceptedValues } from '../domain/value-aliases.js';
import { parseCategory, parseResolution, parseSatisfied, parseTechnology } from './complaint-values.js';
import { localTimestampSql } from './value-macros.js';
import { mapHeaders } from './header-map.js';

/** A complaint of a request body that passed every rule; timestamps in epoch microseconds. */
export interface ValidComplaint {
  complaint_id: string;
  received_us: bigint;
  city: string;
  category: Category;
  technology: Technology;
  /** The given point, in the request's datum (converted later); absent for rows without one. */
  point?: { lat: number; lon: number };
  cell_id: string | null;
  replied_us: bigint | null;
  resolved_us: bigint | null;
  resolution: ResolutionKind | null;
  satisfied: boolean | null;
}

/** One item of a request body, judged: `problems` (the reasons, joined) or the valid row. */
export interface CheckedItem {
  /** 1-based position in the body. */
  item: number;
  /** The item as JSON text (what `rejected_rows.raw` keeps). */
  raw: string;
  id: string | null;
  problems?: string;
  row?: ValidComplaint;
}

type Texts = Record<ComplaintField, string | null>;
const TIMESTAMP_FIELDS = ['received_at', 'replied_at', 'resolved_at'] as const;

/**
 * Judges the complaints of a request body by the rules and reason texts of
 * sql/check-complaints.sql (the file ingest's), in process: fields are matched to keys as a
 * file's headers are, values read as `json_extract_string` and the trim of the file path give
 * them. Only the casts whose exact grammar is DuckDB's (timestamps, numbers sent as text) go
 * to DuckDB, in one statement for the whole body.
 * @throws CellpulseError refused_file when no item carries a required field.
 */
export async function checkComplaintItems(
  conn: DuckDBConnection,
  items: readonly unknown[],
  name: string,
): Promise<CheckedItem[]> {
  const keys = new Set<string>();
  for (const item of items) if (isObject(item)) for (const key of Object.keys(item)) keys.add(key);
  const map = mapHeaders('complaints', [...keys], name);
  const texts = items.map((item) => (isObject(item) ? textsOf(item, map) : undefined));
  const casts = await castTexts(conn, texts);
  return items.map((item, i) => {
    const raw = JSON.stringify(item) ?? 'null';
    const t = texts[i];
    if (t === undefined) return { item: i + 1, raw, id: null, problems: 'not a JSON object' };
    return { item: i + 1, raw, id: t.complaint_id, ...judge(t, casts) };
  });
}

function isObject(item: unknown): item is Record<string, unknown> {
  return typeof item === 'object' && item !== null && !Array.isArray(item);
}

function textsOf(item: Record<string, unknown>, map: Map<string, string | undefined>): Texts {
  const entries = COMPLAINT_FIELDS.map((field) => {
    const key = map.get(field);
    return [field, key === undefined ? null : textOf(item[key])];
  });
  return Object.fromEntries(entries) as Texts;
}

/** A JSON value as text, as json_extract_string reads it, trimmed of spaces; null when absent or empty. */
function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const trimmed = text.startsWith(' ') || text.endsWith(' ') ? text.replace(/^ +| +$/g, '') : text;
  return trimmed === '' ? null : trimmed;
}

interface Casts {
  /** Per item, per timestamp field: epoch µs, or null when the text is no timestamp. */
  times: Map<string, bigint | null>;
  /** Per text of lat/lon that came as a string: its DOUBLE, or null. */
  numbers: Map<string, number | null>;
}

async function castTexts(conn: DuckDBConnection, texts: readonly (Texts | undefined)[]): Promise<Casts> {
  const stamps = new Set<string>();
  const numbers = new Set<string>();
  const times = new Map<string, bigint | null>();
  for (const t of texts) {
    if (!t) continue;
    for (const f of TIMESTAMP_FIELDS) if (t[f] !== null) stamps.add(t[f]);
    for (const f of ['lat', 'lon'] as const) if (t[f] !== null && !PLAIN_DECIMAL.test(t[f])) numbers.add(t[f]);
  }
  for (const text of stamps) {
    const us = zonedIsoMicros(text);
    if (us !== undefined) times.set(text, us);
  }
  const stampList = [...stamps].filter((text) => !times.has(text));
  const numberList = [...numbers];
  // Most bodies carry zoned ISO times and JSON numbers only: then no statement at all.
  if (stampList.length === 0 && numberList.length === 0) return { times, numbers: new Map() };
  // The macro's body written in: no DDL on the write path.
  const local = localTimestampSql('x');
  const row = (
    await conn.runAndReadAll(
      `SELECT list_transform($stamps, x -> CASE WHEN isfinite(${local}) THEN epoch_us(${local}) END) AS stamps,
       list_transform($numbers, x -> TRY_CAST(x AS DOUBLE)) AS numbers`,
      { stamps: listValue(stampList), numbers: listValue(numberList) },
      { stamps: LIST(VARCHAR), numbers: LIST(VARCHAR) },
    )
  ).getRowObjectsJS()[0]!;
  const castStamps = row.stamps as (bigint | null)[];
  const castNumbers = row.numbers as (number | null)[];
  for (const [i, text] of stampList.entries()) times.set(text, castStamps[i] ?? null);
  return { times, numbers: new Map(numberList.map((s, i) => [s, castNumbers[i] ?? null])) };
}

/** Date, time and an explicit zone (`Z` or ±HH:MM), to the microsecond: a form whose instant has no doubt. */
const ZONED_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The epoch microseconds of a zoned ISO-8601 time, as DuckDB's TIMESTAMPTZ cast reads it; undefined
 * for any other text (DuckDB judges it: local times, other spellings, impossible dates).
 */
export function zonedIsoMicros(text: string): bigint | undefined {
  const m = ZONED_ISO.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, offHour, offMinute] = [1, 2, 3, 4, 5, 6, 9, 10].map((i) =>
    Number(m[i] ?? 0),
  ) as [number, number, number, number, number, number, number, number];
  // Date.UTC reads years below 100 as 19xx; impossible fields are left to DuckDB's own grammar.
  if (year < 1000 || hour > 23 || minute > 59 || second > 59 || offHour > 14 || offMinute > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const offsetMs = (m[8] === '-' ? -1 : 1) * (offHour * 60 + offMinute) * 60_000;
  return BigInt(ms - offsetMs) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
}

/** Plain decimal notation (every JSON number): JavaScript and DuckDB read it to the same double. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

function numberOf(text: string, casts: Casts): number | null {
  return casts.numbers.has(text) ? casts.numbers.get(text)! : Number(text);
}

/** The reasons of one item in the order of check-complaints.sql, or its valid row. */
function judge(t: Texts, casts: Casts): { problems?: string; row?: ValidComplaint } {
  const problems: string[] = [];
  const add = (reason: string | undefined): void => void (reason !== undefined && problems.push(reason));
  const stamp = (text: string | null): bigint | null => (text === null ? null : (casts.times.get(text) ?? null));
  const received = stamp(t.received_at);
  const category = t.category === null ? undefined : parseCategory(t.category);
  const technology = t.technology === null ? undefined : parseTechnology(t.technology);
  const lat = t.lat === null ? null : numberOf(t.lat, casts);
  const lon = t.lon === null ? null : numberOf(t.lon, casts);
  const resolution = t.resolution === null ? null : parseResolution(t.resolution);
  const satisfied = t.satisfied === null ? null : parseSatisfied(t.satisfied);
  for (const field of ['complaint_id', 'city', 'cell_id'] as const) {
    add(t[field] === null ? undefined : controlCharacterReason(field, t[field]));
  }
  add(t.complaint_id === null ? 'complaint_id is empty' : undefined);
  add(required('received_at', t.received_at, received !== null, AN_ISO_TIMESTAMP));
  add(t.city === null ? 'city is empty' : undefined);
  add(required('category', t.category, category !== undefined, () => `one of ${acceptedValues('category')}`));
  add(required('technology', t.technology, technology !== undefined, () => `one of ${acceptedValues('technology')}`));
  add((t.lat === null) !== (t.lon === null) ? 'lat and lon must be given together' : undefined);
  add(coordinateProblem('lat', t.lat, lat, 90));
  add(coordinateProblem('lon', t.lon, lon, 180));
  add(optional('replied_at', t.replied_at, stamp(t.replied_at) !== null, AN_ISO_TIMESTAMP));
  add(optional('resolved_at', t.resolved_at, stamp(t.resolved_at) !== null, AN_ISO_TIMESTAMP));
  add(optional('resolution', t.resolution, resolution !== undefined, () => `one of ${acceptedValues('resolution')}`));
  add(optional('satisfied', t.satisfied, satisfied !== undefined, () => `one of ${acceptedValues('satisfied')}`));
  if (problems.length > 0) return { problems: problems.join('; ') };
  return {
    row: {
      complaint_id: t.complaint_id!,
      received_us: received!,
      city: t.city!,
      category: category!,
      technology: technology!,
      ...(lat !== null && lon !== null ? { point: { lat, lon } } : {}),
      cell_id: t.cell_id,
      replied_us: stamp(t.replied_at),
      resolved_us: stamp(t.resolved_at),
      resolution: resolution ?? null,
      satisfied: satisfied ?? null,
    },
  };
}

const AN_ISO_TIMESTAMP = (): string => 'an ISO-8601 timestamp';

/** A required field's reason: empty, or given but not readable (`expected` says what it should be; built only then). */
function required(field: string, text: string | null, ok: boolean, expected: () => string): string | undefined {
  if (text === null) return `${field} is empty`;
  return ok ? undefined : `${field} "${text}" is not ${expected()}`;
}

/** An optional field's reason: none when it is not given, else as `required`. */
function optional(field: string, text: string | null, ok: boolean, expected: () => string): string | undefined {
  return text === null ? undefined : required(field, text, ok, expected);
}

/** `lat "x" is not a number` / `lat 123.4 is outside [-90, 90]`, as the SQL words them (NaN is outside). */
function coordinateProblem(
  field: string,
  text: string | null,
  value: number | null,
  bound: number,
): string | undefined {
  if (text === null) return undefined;
  if (value === null) return `${field} "${text}" is not a number`;
  return value >= -bound && value <= bound ? undefined : `${field} ${text} is outside [-${bound}, ${bound}]`;
}
