import { join } from 'node:path';
import { expect } from 'vitest';
import type { InputKind } from '../../domain/enums.js';
import { runCli } from './run-cli.js';
import { makeTmpDir } from './tmp-db.js';
import { writeCsv, type FixtureRow } from './write-fixture.js';

export interface CliDatabase {
  /** The temp directory holding the database and its input files; the caller removes it (`removeDir`). */
  dir: string;
  /** The database file, `<dir>/<name>.duckdb`. */
  db: string;
}

/**
 * A database filled the way a user fills one: each kind's rows written to `<kind>.csv` and loaded with
 * `cellpulse ingest`, in the order given (subscribers before complaints when rates must see them).
 */
export async function ingestThroughCli(
  name: string,
  inputs: readonly (readonly [InputKind, FixtureRow[]])[],
): Promise<CliDatabase> {
  const dir = makeTmpDir(`cellpulse-${name}-cli-`);
  const db = join(dir, `${name}.duckdb`);
  for (const [kind, rows] of inputs) {
    const result = await runCli(['ingest', kind, writeCsv(join(dir, `${kind}.csv`), rows), '--db', db]);
    expect(result.code, result.stderr).toBe(0);
  }
  return { dir, db };
}
