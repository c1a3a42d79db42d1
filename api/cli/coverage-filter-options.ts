import { type Command, Option } from 'commander';
import { TECHNOLOGIES } from '../../domain/enums.js';
import type { DbOptions } from './database-options.js';

/** The complaint filters `coverage` and `sites` share (SPEC §5). */
export interface CoverageFilterOptions extends DbOptions {
  from?: string;
  to?: string;
  technology?: string;
  city?: string;
}

/** The shared filter flags in the names of the routes' query schemas, which validate them for the CLI too. */
export function coverageFilterQuery(options: CoverageFilterOptions): Omit<CoverageFilterOptions, keyof DbOptions> {
  return { from: options.from, to: options.to, technology: options.technology, city: options.city };
}

/** Adds the period, technology and city flags of the weak-coverage commands. */
export function withCoverageFilterOptions(command: Command): Command {
  return command
    .option('--from <iso>', 'complaints received at or after this time (ISO-8601; without offset: the database zone)')
    .option('--to <iso>', 'complaints received before this time (ISO-8601)')
    .addOption(
      new Option('--technology <technology>', 'count this technology only, and measure to its sites').choices(
        TECHNOLOGIES,
      ),
    )
    .option('--city <city>', 'complaints of this city (地市)');
}
