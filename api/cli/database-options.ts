import { type Command, Option } from 'commander';
import type { Database } from '../../store/database.js';
import { DatabaseSettings } from '../../store/settings.js';
import { ServerClient } from './server-client.js';
import { findRunningServer } from './server-record.js';

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
    .addOption(
      new Option('--tz <zone>', 'IANA time zone for local timestamps, fixed at creation (default Asia/Shanghai)'),
    );
}

/** Opens the database named by the shared options. */
export async function openFromOptions(options: DbOptions): Promise<Database> {
  const settings = DatabaseSettings.partial().parse({
    ...(options.res === undefined ? {} : { h3Resolution: options.res }),
    ...(options.tz === undefined ? {} : { timeZone: options.tz }),
  });
  // DuckDB loads only for commands that open the file themselves.
  const { Database } = await import('../../store/database.js');
  return Database.open(options.db, { settings });
}

/** How a command gets its answer: from the file itself, or from the server that holds the file. */
export interface DatabaseAccess<T> {
  local: (db: Database) => Promise<T>;
  remote: (server: ServerClient) => Promise<T>;
}

/**
 * Runs a command's work on the database of `--db`: through the API of the `cellpulse serve` that
 * holds the file when one is running (DuckDB lets one process have it), else on the file directly.
 */
export async function withDatabase<T>(options: DbOptions, access: DatabaseAccess<T>): Promise<T> {
  const server = await findRunningServer(options.db);
  if (server !== undefined) return access.remote(new ServerClient(server));
  const db = await openFromOptions(options);
  try {
    return await access.local(db);
  } finally {
    await db.close();
  }
}
