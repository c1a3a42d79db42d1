import { Command, Option } from 'commander';
import { CATEGORIES, Category, TECHNOLOGIES, Technology } from '../../../domain/enums.js';
import {
  complaintRates,
  parseRateFields,
  RATE_FIELDS,
  type RateRow,
} from '../../../analytics/rates/complaint-rates.js';
import { parseRateTargets, type RateTargets } from '../../../analytics/rates/rate-targets.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { formatOption, outputFormat, printRows } from '../print-rows.js';

interface RatesOptions extends DbOptions {
  by: string;
  from?: string;
  to?: string;
  city?: string;
  technology?: string;
  category?: string;
  targets?: string;
  format?: 'json' | 'csv' | 'table';
}

/** `cellpulse rates --by city,technology,month`: complaints per 10,000 subscribers (SPEC §4). */
export function ratesCommand(): Command {
  return withDatabaseOptions(new Command('rates'))
    .description(
      'print complaint rates per 10,000 subscribers: group fields, ' +
        'complaints, subscribers, rate_per_10k, target, change',
    )
    .option(
      '--by <fields>',
      `comma-separated group fields of ${RATE_FIELDS.join(', ')} (at most one period); "" for one total`,
      'city,technology,month',
    )
    .option('--from <period>', 'first local month YYYY-MM or day YYYY-MM-DD (inclusive)')
    .option('--to <period>', 'last local month YYYY-MM or day YYYY-MM-DD (inclusive)')
    .option('--city <city>', 'only this city (地市)')
    .addOption(new Option('--technology <technology>').choices(TECHNOLOGIES))
    .addOption(new Option('--category <category>', 'count only this category').choices(CATEGORIES))
    .option('--targets <pairs>', 'monthly targets overriding the stored ones, e.g. GSM=2,WCDMA=8')
    .addOption(formatOption(['json', 'csv']))
    .action(async (options: RatesOptions) => {
      const by = parseRateFields(options.by, '--by');
      const targets = options.targets === undefined ? undefined : parseRateTargets(options.targets);
      const query = {
        by,
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        ...(options.city ? { city: options.city } : {}),
        ...(options.technology ? { technology: Technology.parse(options.technology) } : {}),
        ...(options.category ? { category: Category.parse(options.category) } : {}),
      };
      const rows = await withDatabase<RateRow[]>(options, {
        local: (db) => complaintRates(db, { ...query, ...(targets ? { targets } : {}) }),
        remote: (server) => server.getJson('/v1/rates', { ...query, by: by.join(','), ...targetParams(targets) }),
      });
      for (const row of rows) if (row.warning) console.error(`cellpulse: warning: ${row.warning}`);
      printRows(rows, outputFormat(options.format));
    });
}

/** `--targets GSM=2` as the route's `target_gsm=2` parameters. */
function targetParams(targets: RateTargets | undefined): Record<string, number | undefined> {
  const pairs = Object.entries(targets ?? {}).map(([tech, value]) => [`target_${tech.toLowerCase()}`, value]);
  return Object.fromEntries(pairs);
}
