import { Command, Option } from 'commander';
import { routeCounts } from '../../../analytics/triage/route-counts.js';
import { retriage } from '../../../analytics/triage/triage-complaints.js';
import { CellpulseError } from '../../../domain/errors.js';
import { RouteCount } from '../../../domain/triage.js';
import { toCsv } from '../../formats/csv.js';
import { IsoTime } from '../../schemas/common.js';
import { openFromOptions, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { printRows } from '../print-rows.js';

interface TriageOptions extends DbOptions {
  month?: string;
  city?: string;
  recompute?: boolean;
  from?: string;
  to?: string;
  format: 'json' | 'csv';
}

/** `cellpulse triage`: complaints per city and route, or `--recompute --from --to` to re-triage (SPEC §11). */
export function triageCommand(): Command {
  return withDatabaseOptions(new Command('triage'))
    .description('count complaints per city and triage route, or re-triage a period with --recompute --from --to')
    .option('--month <YYYY-MM>', 'one local month (default: all complaints)')
    .option('--city <city>', 'one city (地市)')
    .option('--recompute', 're-route complaints received in [--from, --to) with the events, sites and incidents known now')
    .option('--from <iso>', 'with --recompute: first time (inclusive)')
    .option('--to <iso>', 'with --recompute: end time (exclusive)')
    .addOption(new Option('--format <format>').choices(['json', 'csv']).default('json'))
    .action(async (options: TriageOptions) => {
      if (options.recompute) return recompute(options);
      const db = await openFromOptions(options);
      try {
        const rows = await routeCounts(db, {
          ...(options.month ? { month: options.month } : {}),
          ...(options.city ? { city: options.city } : {}),
        });
        if (options.format === 'csv') process.stdout.write(toCsv(rows, Object.keys(RouteCount.shape)));
        else printRows(rows, 'json');
      } finally {
        await db.close();
      }
    });
}

async function recompute(options: TriageOptions): Promise<void> {
  if (options.from === undefined || options.to === undefined) {
    const example = 'e.g. --from 2026-10-01 --to 2026-11-01';
    throw new CellpulseError('invalid_parameter', `--recompute needs --from and --to (ISO-8601), ${example}`, null);
  }
  const from = IsoTime.parse(options.from);
  const to = IsoTime.parse(options.to);
  const db = await openFromOptions(options);
  try {
    const changed = await db.write((conn) => retriage(conn, from, to));
    console.log(JSON.stringify({ from, to, changed }));
  } finally {
    await db.close();
  }
}
