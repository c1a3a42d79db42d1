import { Command } from 'commander';
import { parseRateTargets, readRateTargets, writeRateTargets } from '../../../analytics/rates/rate-targets.js';
import { openFromOptions, withDatabaseOptions, type DbOptions } from '../database-options.js';

interface TargetsOptions extends DbOptions {
  set?: string;
}

/** `cellpulse targets [--set GSM=2,WCDMA=8]`: the monthly complaint-rate targets per technology. */
export function targetsCommand(): Command {
  return withDatabaseOptions(new Command('targets'))
    .description('print (or --set) the monthly complaint-rate targets per technology, per 10,000 subscribers')
    .option('--set <pairs>', 'targets to store, e.g. GSM=2,WCDMA=8')
    .action(async (options: TargetsOptions) => {
      const changes = options.set === undefined ? undefined : parseRateTargets(options.set);
      const db = await openFromOptions(options);
      try {
        const targets = changes ? await writeRateTargets(db, changes) : await readRateTargets(db);
        console.log(JSON.stringify(targets));
      } finally {
        await db.close();
      }
    });
}
