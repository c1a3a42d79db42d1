import {
  Bool,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import type { z } from 'zod';

type Convert = (value: unknown) => unknown;
interface Column {
  field: Field;
  convert: Convert;
}

const schemaCache = new WeakMap<z.ZodObject, Column[]>();

/**
 * The Arrow schema of a flat zod row schema: strings and enums as Utf8, ISO date-times as
 * timestamps (ms, UTC), integers as Int32, other numbers as Float64, booleans as Bool; every
 * optional or nullable field is a nullable column.
 */
export function arrowSchemaOf(row: z.ZodObject): Schema {
  return new Schema(columnsOf(row).map((c) => c.field));
}

/**
 * An Arrow IPC stream of `rows`, one record batch per `batchRows` rows. An empty table still
 * yields a valid stream: the schema message then the end-of-stream marker.
 */
export async function* arrowStreamChunks(
  rows: readonly object[],
  row: z.ZodObject,
  batchRows = 10_000,
): AsyncGenerator<Uint8Array> {
  const columns = columnsOf(row);
  const schema = new Schema(columns.map((c) => c.field));
  const writer = new RecordBatchStreamWriter();
  writer.reset(undefined, schema);
  // The writer's byte queue is drained by this generator while batches are written, chunk by chunk.
  let failure: unknown;
  const feed = (async () => {
    try {
      for (let start = 0; start < rows.length; start += batchRows) {
        writer.write(recordBatch(schema, columns, rows.slice(start, start + batchRows)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      writer.finish();
    } catch (error) {
      failure = error;
      writer.finish();
    }
  })();
  for await (const chunk of writer) yield chunk;
  await feed;
  if (failure !== undefined) throw failure;
}

function recordBatch(schema: Schema, columns: Column[], rows: readonly object[]): RecordBatch {
  const cells = rows as readonly Record<string, unknown>[];
  const children = columns.map(({ field, convert }) => {
    return vectorFromArray(
      cells.map((r) => convert(r[field.name])),
      field.type as DataType,
    ).data[0]!;
  });
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

function columnsOf(row: z.ZodObject): Column[] {
  let columns = schemaCache.get(row);
  if (columns === undefined) {
    columns = Object.entries(row.shape).map(([name, type]) => columnOf(name, type as z.ZodType));
    schemaCache.set(row, columns);
  }
  return columns;
}

function columnOf(name: string, type: z.ZodType): Column {
  const { inner, nullable } = unwrap(type);
  const [arrowType, convert] = arrowTypeOf(inner);
  return {
    field: new Field(name, arrowType, nullable),
    convert: (v) => (v === null || v === undefined ? null : convert(v)),
  };
}

function unwrap(type: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  let inner = type;
  let nullable = false;
  for (;;) {
    const def = inner.def as { type: string; innerType?: z.ZodType };
    if (!['optional', 'nullable', 'default'].includes(def.type) || def.innerType === undefined)
      return { inner, nullable };
    nullable = true;
    inner = def.innerType;
  }
}

function arrowTypeOf(type: z.ZodType): [DataType, Convert] {
  const meta = type as unknown as { def: { type: string }; format?: string | null; isInt?: boolean };
  switch (meta.def.type) {
    case 'number':
      return meta.isInt ? [new Int32(), Number] : [new Float64(), Number];
    case 'boolean':
      return [new Bool(), Boolean];
    case 'string':
      return meta.format === 'datetime' ? [new TimestampMillisecond(), toEpochMs] : [new Utf8(), String];
    default:
      // Enums, literals and anything else flat travel as their text.
      return [new Utf8(), (v) => (Array.isArray(v) ? v.join(';') : String(v))];
  }
}

function toEpochMs(value: unknown): number | null {
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  return Number.isNaN(ms) ? null : ms;
}
