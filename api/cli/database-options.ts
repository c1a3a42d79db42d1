import { Command, Option } from 'commander';
import { Database } from '../../store/database.js';
import { DatabaseSettings } from '../../store/settings.js';

export interface DbOptions {
  db: string;
  res?: string;
  tz?: string;
}

/** Adds the options every command shares: the database file and its creation settings. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .requiredOption('--db <file>', 'DuckDB file (created on first use)')
    .addOption(new Option('--res <0-15>', 'H3 resolution, fixed when the database is created (default 8)'))
    .addOption(new Option('--tz <zone>', 'IANA time zone for local timestamps, fixed at creation (default Asia/Shanghai)'));
}

/** Opens the database named by the shared options. */
export async function openFromOptions(options: DbOptions): Promise<Database> {
  const settings = DatabaseSettings.partial().parse({
    ...(options.res === undefined ? {} : { h3Resolution: options.res }),
    ...(options.tz === undefined ? {} : { timeZone: options.tz }),
  });
  return Database.open(options.db, { settings });
}
