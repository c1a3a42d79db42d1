import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CellpulseError } from '../../../domain/errors.js';
import { generateDataset, type DatasetOptions } from '../../../datasets/generator/generate-dataset.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';

const SAMPLE_DIR = fileURLToPath(new URL('../../../datasets/sample/', import.meta.url));
const FILES = ['complaints.csv', 'events.csv', 'ground_truth.csv', 'sites.csv', 'subscribers.csv'];

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function tmpOut(): string {
  const out = makeTmpDir('cellpulse-generate-');
  dirs.push(out);
  return out;
}

async function generated(options: Omit<DatasetOptions, 'out'>): Promise<string> {
  const out = tmpOut();
  await generateDataset({ ...options, out });
  return out;
}

const read = (dir: string, file: string): Buffer => readFileSync(join(dir, file));

describe('generateDataset', () => {
  it('writes byte-identical files for the same seed and options', async () => {
    const [a, b] = [await generated({ seed: 7, complaints: 1500 }), await generated({ seed: 7, complaints: 1500 })];
    expect(readdirSync(a).sort()).toEqual(FILES);
    for (const file of FILES) expect(read(a, file).equals(read(b, file)), file).toBe(true);
  });

  it('changes with the seed; the complaint count moves no site, subscriber or event', async () => {
    const [a, b, c] = [
      await generated({ seed: 7, complaints: 1500 }),
      await generated({ seed: 8, complaints: 1500 }),
      await generated({ seed: 7, complaints: 2500 }),
    ];
    expect(read(a, 'complaints.csv').equals(read(b, 'complaints.csv'))).toBe(false);
    expect(read(a, 'sites.csv').equals(read(b, 'sites.csv'))).toBe(false);
    for (const file of ['sites.csv', 'subscribers.csv', 'events.csv'])
      expect(read(a, file).equals(read(c, file)), file).toBe(true);
    // The scenarios are the same; only their complaint ids move with the background around them.
    const scenarios = (dir: string): string[] =>
      read(dir, 'ground_truth.csv')
        .toString()
        .split('\n')
        .map((l) => l.split(',').slice(1).join());
    expect(scenarios(a)).toEqual(scenarios(c));
    expect(read(c, 'complaints.csv').toString().trim().split('\n')).toHaveLength(2501);
  });

  it('regenerating with the default options reproduces the checked-in sample byte for byte', async () => {
    const out = await generated({});
    for (const file of FILES)
      expect(read(out, file).equals(read(SAMPLE_DIR, file)), `datasets/sample/${file}`).toBe(true);
  });

  it('writes timestamps in ISO-8601 with an explicit +08:00 offset, complaints in time order', async () => {
    const lines = read(SAMPLE_DIR, 'complaints.csv').toString().trim().split('\n').slice(1);
    const received = lines.map((l) => l.split(',')[1]!);
    expect(received.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(r))).toBe(true);
    expect(received.map((r) => Date.parse(r))).toEqual(received.map((r) => Date.parse(r)).sort((x, y) => x - y));
  });

  it('refuses a complaint count smaller than the injected scenarios, and a malformed start date', async () => {
    await expect(generateDataset({ out: tmpOut(), complaints: 10 })).rejects.toThrow(CellpulseError);
    for (const from of ['2026-13-01', '2026-02-30', '20261001']) {
      await expect(generateDataset({ out: tmpOut(), from })).rejects.toMatchObject({ code: 'invalid_parameter' });
    }
  });
});
