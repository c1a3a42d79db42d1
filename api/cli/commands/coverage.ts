import { Command, Option } from 'commander';
import { weakCoverage } from '../../../analytics/coverage/weak-coverage.js';
import { TECHNOLOGIES } from '../../../domain/enums.js';
import { toCsv } from '../../formats/csv.js';
import type { TableSpec } from '../../formats/table-spec.js';
import { CoverageQuery, weakCoverageTable } from '../../schemas/coverage.js';
import { openFromOptions, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { printRows } from '../print-rows.js';

export type TableFormat = 'json' | 'csv' | 'geojson';

interface CoverageOptions extends DbOptions {
  from?: string;
  to?: string;
  technology?: string;
  city?: string;
  minComplaints?: string;
  limit?: string;
  format: TableFormat;
}

/** `cellpulse coverage`: hexagons ranked by coverage complaints with the nearest active site (SPEC §5). */
export function coverageCommand(): Command {
  return withDatabaseOptions(new Command('coverage'))
    .description('print weak-coverage hexagons ranked by coverage complaints (weak_coverage, no_signal, no_service)')
    .option('--from <iso>', 'complaints received at or after this time (ISO-8601; without offset: the database zone)')
    .option('--to <iso>', 'complaints received before this time (ISO-8601)')
    .addOption(new Option('--technology <technology>', 'count this technology only, and measure to its sites').choices(TECHNOLOGIES))
    .option('--city <city>', 'complaints of this city (地市)')
    .option('--min-complaints <n>', 'keep hexagons with at least n coverage complaints', '1')
    .option('--limit <n>', 'at most n hexagons', '1000')
    .addOption(new Option('--format <format>').choices(['json', 'csv', 'geojson']).default('json'))
    .action(async (options: CoverageOptions) => {
      // The route's query schema validates the flags too: one set of rules for CLI and HTTP.
      const { min_complaints: minComplaints, ...filter } = CoverageQuery.parse({
        from: options.from,
        to: options.to,
        technology: options.technology,
        city: options.city,
        min_complaints: options.minComplaints,
        limit: options.limit,
      });
      const db = await openFromOptions(options);
      try {
        printTable(await weakCoverage(db, { ...filter, minComplaints }), weakCoverageTable, options.format);
      } finally {
        await db.close();
      }
    });
}

/** Prints items as a JSON array, CSV with the table's columns (header even when empty) or a GeoJSON FeatureCollection. */
export function printTable<T>(items: readonly T[], spec: TableSpec<T>, format: TableFormat): void {
  if (format === 'json') printRows(items as readonly object[], 'json');
  else if (format === 'csv') process.stdout.write(toCsv(items.map(spec.toRow), Object.keys(spec.row.shape)));
  else process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', features: items.map((item) => spec.toFeature!(item)) })}\n`);
}
