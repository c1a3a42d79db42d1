import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv, REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';

// util-linux `script` gives the CLI a real terminal (a pty) as stdout.
const SCRIPT = '/usr/bin/script';
let dir: string;
let file: string;

beforeAll(async () => {
  dir = makeTmpDir('cellpulse-tty-');
  file = join(dir, 'sample.duckdb');
  const loaded = await runCli(
    ['demo', '--no-serve', '--db', file, '--data', join(REPO_ROOT, 'datasets/sample')],
    120_000,
  );
  expect(loaded.code, loaded.stderr).toBe(0);
}, 180_000);
afterAll(() => removeDir(dir));

interface Rate {
  city: string;
  complaints: number;
  rate_per_10k: number | null;
}

/** The table's line for a city, split into its cells. */
function cellsOf(table: string, city: string): string[] {
  const line = table.split(/\r?\n/).find((l) => l.startsWith(`${city} `));
  expect(line, table).toBeDefined();
  return line!.split(/\s{2,}/);
}

describe('terminal output', () => {
  it.skipIf(!existsSync(SCRIPT))('prints an aligned table on a terminal, with rates to 2 decimals', () => {
    const command =
      `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} rates --by ` +
      `city --db ${JSON.stringify(file)} 2>/dev/null`;
    const table = execFileSync(SCRIPT, ['-qec', command, '/dev/null'], {
      cwd: REPO_ROOT,
      env: { ...cliEnv(), TERM: 'dumb' },
    }).toString('utf8');
    const lines = table.split(/\r?\n/);
    expect(lines[0]).toMatch(/^city +complaints +subscribers +rate_per_10k/);
    expect(lines[1]).toMatch(/^─+ +─+/);
    const rows = JSON.parse(
      execFileSync(process.execPath, [CLI, 'rates', '--by', 'city', '--db', file], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString(),
    ) as Rate[];
    const harbin = rows.find((r) => r.city === 'Harbin')!;
    const [, complaints, , rate] = cellsOf(table, 'Harbin');
    expect(Number(complaints)).toBe(harbin.complaints);
    expect(rate).toBe(harbin.rate_per_10k!.toFixed(2));
  });

  it('prints JSON when piped, and a table when asked with --format table', async () => {
    const piped = await runCli(['rates', '--by', 'city', '--db', file]);
    expect(piped.code, piped.stderr).toBe(0);
    const rows = JSON.parse(piped.lastLine) as Rate[];
    const asked = await runCli(['rates', '--by', 'city', '--db', file, '--format', 'table']);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout.split('\n')).toHaveLength(rows.length + 3);
    expect(cellsOf(asked.stdout, 'Daqing')[1]).toBe(String(rows.find((r) => r.city === 'Daqing')!.complaints));
  });
});
