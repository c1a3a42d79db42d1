import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasInnerBlankLine } from '../../../ingest/csv-lines.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-lines-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('hasInnerBlankLine', () => {
  it('is false when every line holds a row, with or without trailing empty lines', async () => {
    expect(await hasInnerBlankLine(file('a.csv', 'a,b\n1,x\n2,y\n'))).toBe(false);
    expect(await hasInnerBlankLine(file('b.csv', 'a,b\r\n1,x\r\n2,y\r\n\r\n\r\n'))).toBe(false);
    expect(await hasInnerBlankLine(file('c.csv', 'a,b\n1,x\n2,y\n\n\n'))).toBe(false);
    // A line of spaces is a row to DuckDB (one that will be rejected), not a skipped line.
    expect(await hasInnerBlankLine(file('d.csv', 'a,b\n1,x\n   \n2,y'))).toBe(false);
  });

  it('is true for an empty line (LF or CRLF) with a row after it', async () => {
    expect(await hasInnerBlankLine(file('a.csv', 'a,b\n1,x\n\n2,y\n'))).toBe(true);
    expect(await hasInnerBlankLine(file('b.csv', 'a,b\r\n1,x\r\n\r\n2,y\r\n'))).toBe(true);
  });

  it('finds an empty line split across two read chunks (1 MiB) and one far into the file', async () => {
    const row = '123456789,x\n';
    const filler = row.repeat(Math.ceil((1 << 20) / row.length));
    // Cut so that the first "\n" of "\n\n" ends the first chunk and the second one opens the next.
    const aligned = `${`a,b\n${filler}`.slice(0, (1 << 20) - 1)}\n`;
    expect(aligned.length).toBe(1 << 20);
    expect(await hasInnerBlankLine(file('split.csv', `${aligned}\n${row}`))).toBe(true);
    expect(await hasInnerBlankLine(file('split-trailing.csv', `${aligned}\n\n`))).toBe(false);
    expect(await hasInnerBlankLine(file('late.csv', `a,b\n${filler}${filler}\n${row}`))).toBe(true);
  });

  it('answers true when it cannot look (compressed or missing file), so lines are mapped the sure way', async () => {
    expect(await hasInnerBlankLine(file('a.csv.gz', Buffer.from([0x1f, 0x8b])))).toBe(true);
    expect(await hasInnerBlankLine(join(dir, 'missing.csv'))).toBe(true);
  });
});
