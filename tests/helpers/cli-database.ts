import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { InputKind } from '../../domain/enums.js';
import { runCli, type CliResult } from './run-cli.js';
import { makeTmpDir, removeDir } from './tmp-db.js';
import { writeCsv, type FixtureRow } from './write-fixture.js';

export interface CliDatabase {
  /** The temp directory holding the database and its input files; the caller removes it (`removeDir`). */
  dir: string;
  /** The database file, `<dir>/<name>.duckdb`. */
  db: string;
}

/** Rows per input kind, loaded in the order the keys are written (subscribers before complaints for rates). */
export type CliInputs = Partial<Record<InputKind, FixtureRow[]>>;

/**
 * A database filled the way a user fills one: each kind's rows written to `<kind>.csv` and loaded with
 * `cellpulse ingest`, in the order given.
 */
export async function ingestThroughCli(name: string, inputs: CliInputs): Promise<CliDatabase> {
  const dir = makeTmpDir(`cellpulse-${name}-cli-`);
  const db = join(dir, `${name}.duckdb`);
  for (const [kind, rows] of Object.entries(inputs) as [InputKind, FixtureRow[]][]) {
    const result = await runCli(['ingest', kind, writeCsv(join(dir, `${kind}.csv`), rows), '--db', db]);
    expect(result.code, result.stderr).toBe(0);
  }
  return { dir, db };
}

/** The database of a file's CLI tests. */
export interface CliSuite {
  /** The database file. */
  readonly db: string;
  /** Runs `cellpulse <command> --db <db> <args>`. */
  run(command: string, ...args: string[]): Promise<CliResult>;
}

/** Fills a database through the CLI before the file's first test (see ingestThroughCli); removes it after the last. */
export function cliDatabasePerSuite(name: string, inputs: CliInputs): CliSuite {
  let made: CliDatabase | undefined;
  beforeAll(async () => {
    made = await ingestThroughCli(name, inputs);
  });
  afterAll(() => {
    if (made !== undefined) removeDir(made.dir);
  });
  return {
    get db() {
      if (made === undefined) throw new Error('the CLI database is made before the first test');
      return made.db;
    },
    run(command, ...args) {
      return runCli([command, '--db', this.db, ...args]);
    },
  };
}
