import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { COVERAGE_CATEGORIES, type Technology } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';

/** Which coverage complaints (SPEC §5: weak_coverage, no_signal, no_service) an analysis counts. */
export interface CoverageFilter {
  /** ISO-8601; complaints received in [from, to); without an offset, local time in the database's zone. */
  from?: string;
  to?: string;
  technology?: Technology;
  /** The complaint's city (sites of every city count as neighbours). */
  city?: string;
}

/** The `$named` parameters of the coverage queries for a filter and a per-hexagon minimum. */
export function coverageParams(filter: CoverageFilter, minComplaints: number): Record<string, DuckDBValue> {
  return {
    categories: listValue([...COVERAGE_CATEGORIES]),
    from: filter.from ?? null,
    to: filter.to ?? null,
    technology: filter.technology ?? null,
    city: filter.city ?? null,
    min_complaints: minComplaints,
  };
}

/** @throws CellpulseError invalid_parameter unless `value` is a whole number of at least `min`. */
export function wholeAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new CellpulseError('invalid_parameter', `${name} must be a whole number of at least ${min}`, value);
  return value;
}
