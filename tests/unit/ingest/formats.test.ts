import { describe, expect, it } from 'vitest';
import { CellpulseError } from '../../../domain/errors.js';
import { detectFormat } from '../../../ingest/formats.js';

describe('detectFormat', () => {
  it.each([
    ['complaints.csv', 'csv'],
    ['COMPLAINTS.CSV', 'csv'],
    ['sites.tsv', 'csv'],
    ['c.ndjson', 'ndjson'],
    ['c.jsonl', 'ndjson'],
    ['c.json', 'json'],
    ['c.parquet', 'parquet'],
    ['c.csv.gz', 'csv'],
    ['c.ndjson.gz', 'ndjson'],
    ['dir.with.dots/c.csv', 'csv'],
    ['投诉.XLSX', 'xlsx'],
  ])('%s is %s', (path, format) => {
    expect(detectFormat(path)).toBe(format);
  });

  it('an explicit format wins over the extension', () => {
    expect(detectFormat('export.dat', 'csv')).toBe('csv');
  });

  it.each(['c.ods', 'c.xls', 'c', 'c.gz', 'c.csv.bak'])('refuses the unknown extension of %s', (path) => {
    const error = (() => {
      try {
        detectFormat(path);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CellpulseError);
    expect((error as CellpulseError).code).toBe('refused_file');
    expect((error as CellpulseError).message).toContain(path);
  });

  it('refuses an unknown explicit format', () => {
    expect(() => detectFormat('c.csv', 'xml')).toThrow(CellpulseError);
  });
});
