import { Command } from 'commander';
import { routeCounts } from '../../../analytics/triage/route-counts.js';
import { retriage } from '../../../analytics/triage/triage-complaints.js';
import { CellpulseError } from '../../../domain/errors.js';
import { RouteCount } from '../../../domain/triage.js';
import { IsoTime } from '../../schemas/common.js';
import type { RecomputeResult } from '../../schemas/triage.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { formatOption, outputFormat, printRows, type RowFormat } from '../print-rows.js';

interface TriageOptions extends DbOptions {
  month?: string;
  city?: string;
  recompute?: boolean;
  from?: string;
  to?: string;
  format?: RowFormat;
}

/** `cellpulse triage`: complaints per city and route, or `--recompute --from --to` to re-triage (SPEC §11). */
export function triageCommand(): Command {
  return withDatabaseOptions(new Command('triage'))
    .description('count complaints per city and triage route, or re-triage a period with --recompute --from --to')
    .option('--month <YYYY-MM>', 'one local month (default: all complaints)')
    .option('--city <city>', 'one city (地市)')
    .option(
      '--recompute',
      're-route complaints received in [--from, --to) with the events, sites and incidents known now',
    )
    .option('--from <iso>', 'with --recompute: first time (inclusive)')
    .option('--to <iso>', 'with --recompute: end time (exclusive)')
    .addOption(formatOption(['json', 'csv']))
    .action(async (options: TriageOptions) => {
      if (options.recompute) return recompute(options);
      const query = {
        ...(options.month ? { month: options.month } : {}),
        ...(options.city ? { city: options.city } : {}),
      };
      const rows = await withDatabase<RouteCount[]>(options, {
        local: (db) => routeCounts(db, query),
        remote: (server) => server.getJson('/v1/triage', query),
      });
      printRows(rows, outputFormat(options.format), Object.keys(RouteCount.shape));
    });
}

/** Re-triages on the file, or through the running server's `POST /v1/triage/recompute` with a write key. */
async function recompute(options: TriageOptions): Promise<void> {
  if (options.from === undefined || options.to === undefined) {
    const example = 'e.g. --from 2026-10-01 --to 2026-11-01';
    throw new CellpulseError('invalid_parameter', `--recompute needs --from and --to (ISO-8601), ${example}`, null);
  }
  const from = IsoTime.parse(options.from);
  const to = IsoTime.parse(options.to);
  const result = await withDatabase<RecomputeResult>(options, {
    local: async (db) => ({ from, to, changed: await db.write((conn) => retriage(conn, from, to)) }),
    remote: (server) => server.postJson('/v1/triage/recompute', { from, to }, 'to re-triage through it'),
  });
  console.log(JSON.stringify(result));
}
