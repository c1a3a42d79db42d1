import { Command } from 'commander';
import {
  parseRateTargets,
  readRateTargets,
  writeRateTargets,
  type RateTargets,
} from '../../../analytics/rates/rate-targets.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';

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
      const targets = await withDatabase<RateTargets>(options, {
        local: (db) => (changes ? writeRateTargets(db, changes) : readRateTargets(db)),
        remote: (server) =>
          changes ? server.putJson('/v1/targets', changes, 'to set targets') : server.getJson('/v1/targets'),
      });
      console.log(JSON.stringify(targets));
    });
}
