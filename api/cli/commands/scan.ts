import { Command, Option } from 'commander';
import { scanSignals } from '../../../analytics/scan/run-scan.js';
import { ScanWorkers } from '../../../analytics/scan/scan-workers.js';
import { CATEGORIES } from '../../../domain/enums.js';
import type { Signal } from '../../../domain/signal.js';
import { AnalysesPerDay, ScanQuery, signalTable } from '../../schemas/signals.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { printTable, type TableFormat } from '../print-rows.js';

interface ScanOptions extends DbOptions {
  at?: string;
  category?: string;
  replicates: string;
  seed: string;
  analysesPerDay: string;
  format: TableFormat;
}

/** `cellpulse scan`: the prospective space-time permutation scan's signals (SPEC §11). */
export function scanCommand(): Command {
  return withDatabaseOptions(new Command('scan'))
    .description('print space-time scan signals with p-values and recurrence intervals (json: an array of signals)')
    .option('--at <iso>', 'analysis time: windows of 1-24 h end here (default: the newest complaint)')
    .addOption(new Option('--category <category>', 'one category (default: each on its own)').choices(CATEGORIES))
    .option('--replicates <n>', 'Monte Carlo replicates (at least 999)', '999')
    .option('--seed <n>', 'seed of the replicates', '2005')
    .option('--analyses-per-day <n>', 'scheduled analyses a day, for the recurrence interval', '24')
    .addOption(new Option('--format <format>').choices(['json', 'csv', 'geojson']).default('json'))
    .action(async (options: ScanOptions) => {
      // The route's query schema validates the flags too: one set of rules for CLI and HTTP.
      const query = ScanQuery.parse({
        at: options.at,
        category: options.category,
        replicates: options.replicates,
        seed: options.seed,
      });
      const analysesPerDay = AnalysesPerDay.parse(options.analysesPerDay);
      // A person waits for this one: normal priority (the server's scheduled scan runs in the background).
      const workers = ScanWorkers.create(undefined, 'foreground');
      try {
        // Beside a running server the scan goes through its API (the server holds the file).
        const signals = await withDatabase<Signal[]>(options, {
          local: async (db) => (await scanSignals(db, { ...query, analysesPerDay, workers })).signals,
          remote: (server) => server.getJson('/v1/signals', query),
        });
        printTable(signals, signalTable, options.format);
      } finally {
        await workers.close();
      }
    });
}
