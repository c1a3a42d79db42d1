import type { Feature } from 'geojson';
import type { z } from 'zod';
import type { OutputFormat } from './negotiate.js';

/**
 * How a route's result is written in every format: JSON gives the items as they are; CSV and
 * Arrow give `toRow(item)`, typed by the flat zod `row` schema whose keys are the columns (and
 * whose types are the Arrow types); GeoJSON, offered only when `toFeature` exists, gives one
 * Feature per item.
 */
export interface TableSpec<T, R extends z.ZodObject = z.ZodObject> {
  /** File stem for Content-Disposition of downloads. */
  name: string;
  row: R;
  toRow: (item: T) => z.output<R>;
  toFeature?: (item: T) => Feature;
}

/** The formats a table can be written in. */
export function offeredFormats(spec: TableSpec<never>): OutputFormat[] {
  return spec.toFeature ? ['json', 'geojson', 'csv', 'arrow'] : ['json', 'csv', 'arrow'];
}

/** The CSV header and Arrow field names of a table: its row schema's keys, in order. */
export function columnsOf(spec: { row: z.ZodObject }): string[] {
  return Object.keys(spec.row.shape);
}

/** A table whose items are flat already: each item is its own row, of the `row` schema's type. */
export function flatTable<R extends z.ZodObject>(
  name: string,
  row: R,
  toFeature?: (item: z.output<R>) => Feature,
): TableSpec<z.output<R>, R> {
  return { name, row, toRow: (item) => item, ...(toFeature === undefined ? {} : { toFeature }) };
}
