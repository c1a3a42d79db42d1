import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, collect, REPO_ROOT } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';

const dir = makeTmpDir('cellpulse-generate-cli-');
afterAll(() => removeDir(dir));

function generate(args: readonly string[]): ReturnType<typeof collect> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'datasets/generate.ts', ...args], {
    cwd: REPO_ROOT,
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, 60_000);
}

describe('datasets/generate.ts', () => {
  it('writes the files and ends stdout with a JSON summary (no progress bar off a terminal)', async () => {
    const result = await generate(['--out', dir, '--seed', '3', '--complaints', '1000', '--from', '2026-11-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.lastLine);
    expect(summary).toMatchObject({
      seed: 3,
      months: ['2026-11'],
      format: 'csv',
      complaints: { total: 1000, scenario: 132 },
    });
    expect(readdirSync(dir).sort()).toEqual([
      'complaints.csv',
      'events.csv',
      'ground_truth.csv',
      'sites.csv',
      'subscribers.csv',
    ]);
  });

  it('exits 2 with a message for a bad option', async () => {
    for (const args of [
      ['--out', dir, '--format', 'xml'],
      ['--out', dir, '--complaints', 'many'],
      ['--seed', '1'],
    ]) {
      const result = await generate(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).not.toBe('');
    }
  });
});
