import { Command } from 'commander';
import { cityAppraisal } from '../../../analytics/appraisal/city-appraisal.js';
import { AppraisalRow } from '../../../domain/appraisal.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { formatOption, outputFormat, printRows, type RowFormat } from '../print-rows.js';

interface AppraisalOptions extends DbOptions {
  month?: string;
  format?: RowFormat;
}

/** `cellpulse appraisal --month YYYY-MM`: the cities' monthly score, rate 4 + compliance 5 points (SPEC §11). */
export function appraisalCommand(): Command {
  return withDatabaseOptions(new Command('appraisal'))
    .description(
      "print each city's appraisal for a month: complaint-rate points (4), compliance points (5), total and rank",
    )
    .option('--month <YYYY-MM>', 'local month (default: the newest complaint’s)')
    .addOption(formatOption(['json', 'csv']))
    .action(async (options: AppraisalOptions) => {
      const rows = await withDatabase<AppraisalRow[]>(options, {
        local: (db) => cityAppraisal(db, options.month),
        remote: (server) => server.getJson('/v1/appraisal', { month: options.month }),
      });
      for (const row of rows) if (row.warning) console.error(`cellpulse: ${row.city}: ${row.warning}`);
      printRows(rows, outputFormat(options.format), Object.keys(AppraisalRow.shape));
    });
}
