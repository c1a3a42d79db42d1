import { Command } from 'commander';
import {
  readAppraisalTargets,
  writeAppraisalTargets,
  type AppraisalTargets,
} from '../../../analytics/appraisal/appraisal-targets.js';
import {
  parseRateTargets,
  readRateTargets,
  writeRateTargets,
  type RateTargets,
} from '../../../analytics/rates/rate-targets.js';
import { CellpulseError } from '../../../domain/errors.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';

interface TargetsOptions extends DbOptions {
  set?: string;
}

/**
 * `cellpulse targets [--set GSM=2,WCDMA=8,compliance=0.95]`: the monthly complaint-rate targets per
 * technology and the appraisal's commitment-compliance target.
 */
export function targetsCommand(): Command {
  return withDatabaseOptions(new Command('targets'))
    .description(
      'print (or --set) the monthly complaint-rate targets per technology, ' +
        'per 10,000 subscribers, and the compliance target',
    )
    .option('--set <pairs>', 'targets to store, e.g. GSM=2,WCDMA=8 or compliance=0.95')
    .action(async (options: TargetsOptions) => {
      const { rates, appraisal } = splitPairs(options.set ?? '');
      const changes = rates === '' ? undefined : parseRateTargets(rates);
      const targets = await withDatabase<RateTargets & Partial<AppraisalTargets>>(options, {
        local: async (db) => ({
          ...(changes ? await writeRateTargets(db, changes) : await readRateTargets(db)),
          ...(appraisal.compliance === undefined
            ? await readAppraisalTargets(db)
            : await writeAppraisalTargets(db, appraisal)),
        }),
        remote: (server) =>
          changes || appraisal.compliance !== undefined
            ? server.putJson('/v1/targets', { ...changes, ...appraisal }, 'to set targets')
            : server.getJson('/v1/targets'),
      });
      console.log(JSON.stringify(targets));
    });
}

/** `compliance=X` goes to the appraisal targets; the other pairs are technology rate targets. */
function splitPairs(text: string): { rates: string; appraisal: Partial<AppraisalTargets> } {
  const pairs = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const compliance = pairs.filter((p) => p.toLowerCase().startsWith('compliance='));
  const value = compliance.length === 0 ? undefined : Number(compliance.at(-1)!.slice('compliance='.length));
  if (value !== undefined && !Number.isFinite(value))
    throw new CellpulseError('invalid_parameter', 'compliance=NUMBER, a fraction such as 0.95', compliance.at(-1));
  return {
    rates: pairs.filter((p) => !compliance.includes(p)).join(','),
    appraisal: value === undefined ? {} : { compliance: value },
  };
}
