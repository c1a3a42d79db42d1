import type { Feature } from 'geojson';
import type { z } from 'zod';
import type { OutputFormat } from './negotiate.js';

/** One flat record: scalar values only, the shape of a CSV line or an Arrow row. */
export type FlatRow = Record<string, unknown>;

/**
 * How a route's result is written in every format: JSON gives the items as they are; CSV and
 * Arrow give `toRow(item)` with the columns (and Arrow types) of the flat zod `row` schema;
 * GeoJSON, offered only when `toFeature` exists, gives one Feature per item.
 */
export interface TableSpec<T> {
  /** File stem for Content-Disposition of downloads. */
  name: string;
  row: z.ZodObject;
  toRow: (item: T) => FlatRow;
  toFeature?: (item: T) => Feature;
}

/** The formats a table can be written in. */
export function offeredFormats(spec: TableSpec<never>): OutputFormat[] {
  return spec.toFeature ? ['json', 'geojson', 'csv', 'arrow'] : ['json', 'csv', 'arrow'];
}

/** The same item as its own flat row, for results that are flat already. */
export function identityRow<T extends object>(item: T): FlatRow {
  return item as FlatRow;
}
