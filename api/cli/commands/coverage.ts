import { Command, Option } from 'commander';
import { constructionList, type ConstructionListRow } from '../../../analytics/coverage/construction-list.js';
import { weakCoverage, type WeakCoverageHex } from '../../../analytics/coverage/weak-coverage.js';
import { CellpulseError } from '../../../domain/errors.js';
import { constructionCsv } from '../../formats/construction-csv.js';
import { coverageTrends, type CoverageTrend } from '../../../analytics/coverage/coverage-trends.js';
import { CoverageQuery, weakCoverageTable } from '../../schemas/coverage.js';
import { CoverageTrendQuery, coverageTrendTable } from '../../schemas/coverage-trends.js';
import {
  coverageFilterQuery,
  withCoverageFilterOptions,
  type CoverageFilterOptions,
} from '../coverage-filter-options.js';
import { withDatabase, withDatabaseOptions } from '../database-options.js';
import { formatOption, outputFormat, printTable, type TableFormat } from '../print-rows.js';

interface CoverageOptions extends CoverageFilterOptions {
  trend?: boolean;
  weeks?: string;
  minComplaints?: string;
  limit?: string;
  format?: TableFormat;
  for?: 'construction';
  month?: string;
  headers: 'en' | 'zh';
}

/** `cellpulse coverage`: hexagons ranked by coverage complaints with the nearest active site (SPEC §5). */
export function coverageCommand(): Command {
  return withCoverageFilterOptions(withDatabaseOptions(new Command('coverage')))
    .description('print weak-coverage hexagons ranked by coverage complaints (weak_coverage, no_signal, no_service)')
    .option('--min-complaints <n>', 'keep hexagons with at least n coverage complaints', '1')
    .option('--limit <n>', 'at most n hexagons', '1000')
    .option('--trend', 'emerging hot spots instead: Gi* per week, Mann-Kendall trend, a class per hexagon (SPEC §11)')
    .option('--weeks <n>', 'with --trend: weeks of 7 days, the last ending at --to (default 12)')
    .addOption(formatOption(['json', 'csv', 'geojson']))
    .addOption(
      new Option('--for <department>', "the construction department's monthly list (CSV), with --month").choices([
        'construction',
      ]),
    )
    .option('--month <YYYY-MM>', 'with --for construction: the local month')
    .addOption(
      new Option('--headers <language>', 'with --for construction: header language')
        .choices(['en', 'zh'])
        .default('en'),
    )
    .action(async (options: CoverageOptions) => {
      if (options.for === 'construction') return printConstructionList(options);
      if (options.trend) return printTrends(options);
      // The route's query schema validates the flags too: one set of rules for CLI and HTTP.
      const { min_complaints: minComplaints, ...filter } = CoverageQuery.parse({
        ...coverageFilterQuery(options),
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

/** `coverage --for construction --month`: one row per candidate region, as Excel-friendly CSV. */
async function printConstructionList(options: CoverageOptions): Promise<void> {
  const { month } = options;
  if (month === undefined) {
    throw new CellpulseError('invalid_parameter', '--for construction needs --month YYYY-MM', null);
  }
  const rows = await withDatabase<ConstructionListRow[]>(options, {
    local: (db) => constructionList(db, month),
    remote: (server) => server.getJson('/v1/coverage/construction', { month }),
  });
  process.stdout.write(constructionCsv(rows, options.headers));
}

/** `coverage --trend`: one emerging hot spot class per hexagon (through a running server when one holds the file). */
async function printTrends(options: CoverageOptions): Promise<void> {
  const query = CoverageTrendQuery.parse({ weeks: options.weeks, to: options.to });
  const trends = await withDatabase<CoverageTrend[]>(options, {
    local: (db) => coverageTrends(db, query),
    remote: (server) => server.getJson('/v1/coverage/trends', query),
  });
  printTable(trends, coverageTrendTable, outputFormat(options.format));
}
