import { Command } from 'commander';
import { siteCandidates, type SiteCandidate } from '../../../analytics/coverage/site-candidates.js';
import { SiteCandidateQuery, siteCandidateTable } from '../../schemas/coverage.js';
import {
  coverageFilterQuery,
  withCoverageFilterOptions,
  type CoverageFilterOptions,
} from '../coverage-filter-options.js';
import { withDatabase, withDatabaseOptions } from '../database-options.js';
import { formatOption, outputFormat, printTable, type TableFormat } from '../print-rows.js';

interface SitesOptions extends CoverageFilterOptions {
  minComplaints?: string;
  plannedWithinKm?: string;
  at?: string;
  format?: TableFormat;
}

/** `cellpulse sites`: site candidates for construction from connected weak-coverage regions (SPEC §5). */
export function sitesCommand(): Command {
  return withCoverageFilterOptions(withDatabaseOptions(new Command('sites')))
    .description(
      'print site candidates: connected weak-coverage regions, proposed first, then planned_site, then no_investment',
    )
    .option('--min-complaints <n>', 'a hexagon joins a region with at least n coverage complaints', '3')
    .option(
      '--planned-within-km <km>',
      'a planned cell or construction area this close to the proposed point makes it planned_site',
      '1',
    )
    .option('--at <iso>', 'time at which network events must be in force (default: --to, else the newest complaint)')
    .addOption(formatOption(['json', 'csv', 'geojson']))
    .action(async (options: SitesOptions) => {
      // The route's query schema validates the flags too: one set of rules for CLI and HTTP.
      const {
        min_complaints: minComplaints,
        planned_within_km: plannedWithinKm,
        ...filter
      } = SiteCandidateQuery.parse({
        ...coverageFilterQuery(options),
        min_complaints: options.minComplaints,
        planned_within_km: options.plannedWithinKm,
        at: options.at,
      });
      const candidates = await withDatabase<SiteCandidate[]>(options, {
        local: (db) => siteCandidates(db, { ...filter, minComplaints, plannedWithinKm }),
        remote: (server) =>
          server.getJson('/v1/site-candidates', {
            ...filter,
            min_complaints: minComplaints,
            planned_within_km: plannedWithinKm,
          }),
      });
      printTable(candidates, siteCandidateTable, outputFormat(options.format));
    });
}
