import { Command } from 'commander';
import { weakCoverage, type WeakCoverageHex } from '../../../analytics/coverage/weak-coverage.js';
import { CoverageQuery, weakCoverageTable } from '../../schemas/coverage.js';
import { withCoverageFilterOptions, type CoverageFilterOptions } from '../coverage-filter-options.js';
import { withDatabase, withDatabaseOptions } from '../database-options.js';
import { formatOption, outputFormat, printTable, type TableFormat } from '../print-rows.js';

interface CoverageOptions extends CoverageFilterOptions {
  minComplaints?: string;
  limit?: string;
  format?: TableFormat;
}

/** `cellpulse coverage`: hexagons ranked by coverage complaints with the nearest active site (SPEC §5). */
export function coverageCommand(): Command {
  return withCoverageFilterOptions(withDatabaseOptions(new Command('coverage')))
    .description('print weak-coverage hexagons ranked by coverage complaints (weak_coverage, no_signal, no_service)')
    .option('--min-complaints <n>', 'keep hexagons with at least n coverage complaints', '1')
    .option('--limit <n>', 'at most n hexagons', '1000')
    .addOption(formatOption(['json', 'csv', 'geojson']))
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
      const hexes = await withDatabase<WeakCoverageHex[]>(options, {
        local: (db) => weakCoverage(db, { ...filter, minComplaints }),
        remote: (server) => server.getJson('/v1/coverage', { ...filter, min_complaints: minComplaints }),
      });
      printTable(hexes, weakCoverageTable, outputFormat(options.format));
    });
}
