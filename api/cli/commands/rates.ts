import { Command, Option } from 'commander';
import { CATEGORIES, Category, TECHNOLOGIES, Technology } from '../../../domain/enums.js';
import { complaintRates, parseRateFields, RATE_FIELDS } from '../../../analytics/rates/complaint-rates.js';
import { parseRateTargets } from '../../../analytics/rates/rate-targets.js';
import { openFromOptions, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { printRows } from '../print-rows.js';

interface RatesOptions extends DbOptions {
  by: string;
  from?: string;
  to?: string;
  city?: string;
  technology?: string;
  category?: string;
  targets?: string;
  format: 'json' | 'csv';
}

/** `cellpulse rates --by city,technology,month`: complaints per 10,000 subscribers (SPEC §4). */
export function ratesCommand(): Command {
  return withDatabaseOptions(new Command('rates'))
    .description('print complaint rates per 10,000 subscribers: group fields, complaints, subscribers, rate_per_10k, target, change')
    .option('--by <fields>', `comma-separated group fields of ${RATE_FIELDS.join(', ')} (at most one period); "" for one total`, 'city,technology,month')
    .option('--from <period>', 'first local month YYYY-MM or day YYYY-MM-DD (inclusive)')
    .option('--to <period>', 'last local month YYYY-MM or day YYYY-MM-DD (inclusive)')
    .option('--city <city>', 'only this city (地市)')
    .addOption(new Option('--technology <technology>').choices(TECHNOLOGIES))
    .addOption(new Option('--category <category>', 'count only this category').choices(CATEGORIES))
    .option('--targets <pairs>', 'monthly targets overriding the stored ones, e.g. GSM=2,WCDMA=8')
    .addOption(new Option('--format <format>').choices(['json', 'csv']).default('json'))
    .action(async (options: RatesOptions) => {
      const by = parseRateFields(options.by, '--by');
      const targets = options.targets === undefined ? undefined : parseRateTargets(options.targets);
      const db = await openFromOptions(options);
      try {
        const rows = await complaintRates(db, {
          by,
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
          ...(options.city ? { city: options.city } : {}),
          ...(options.technology ? { technology: Technology.parse(options.technology) } : {}),
          ...(options.category ? { category: Category.parse(options.category) } : {}),
          ...(targets ? { targets } : {}),
        });
        for (const row of rows) if (row.warning) console.error(`cellpulse: warning: ${row.warning}`);
        printRows(rows, options.format);
      } finally {
        await db.close();
      }
    });
}

