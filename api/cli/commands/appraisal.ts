import { Command, Option } from 'commander';
import { cityAppraisal } from '../../../analytics/appraisal/city-appraisal.js';
import { AppraisalRow } from '../../../domain/appraisal.js';
import { toCsv } from '../../formats/csv.js';
import { openFromOptions, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { printRows } from '../print-rows.js';

interface AppraisalOptions extends DbOptions {
  month?: string;
  format: 'json' | 'csv';
}

/** `cellpulse appraisal --month YYYY-MM`: the cities' monthly score, rate 4 + compliance 5 points (SPEC §11). */
export function appraisalCommand(): Command {
  return withDatabaseOptions(new Command('appraisal'))
    .description("print each city's appraisal for a month: complaint-rate points (4), compliance points (5), total and rank")
    .option('--month <YYYY-MM>', 'local month (default: the newest complaint’s)')
    .addOption(new Option('--format <format>').choices(['json', 'csv']).default('json'))
    .action(async (options: AppraisalOptions) => {
      const db = await openFromOptions(options);
      try {
        const rows = await cityAppraisal(db, options.month);
        for (const row of rows) if (row.warning) console.error(`cellpulse: ${row.city}: ${row.warning}`);
        if (options.format === 'csv') process.stdout.write(toCsv(rows, Object.keys(AppraisalRow.shape)));
        else printRows(rows, 'json');
      } finally {
        await db.close();
      }
    });
}
