import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { alignedTable } from '../../../../api/cli/aligned-table.js';

const rows = [
  { city: '哈尔滨', technology: 'LTE', complaints: 1234, rate_per_10k: Math.PI, warning: null },
  { city: 'Daqing', technology: 'NR', complaints: 7, rate_per_10k: 12, warning: 'no subscriber count' },
  { city: '大兴安岭地区', technology: 'GSM', complaints: 15, rate_per_10k: null, warning: null },
];

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

/** Display columns before the end of `text`'s first occurrence in `line`. */
function endColumn(line: string, text: string): number {
  const at = line.indexOf(text);
  expect(at, `${text} in ${line}`).toBeGreaterThanOrEqual(0);
  return stringWidth(line.slice(0, at + text.length));
}

describe('alignedTable', () => {
  it('aligns columns by display width, so Chinese labels (two columns a character) line up', () => {
    const table = lines(alignedTable(rows));
    const starts = [
      [0, 'technology'],
      [2, 'LTE'],
      [3, 'NR'],
      [4, 'GSM'],
    ] as const;
    const columns = starts.map(([i, text]) => endColumn(table[i]!, text) - stringWidth(text));
    expect(new Set(columns).size).toBe(1);
    expect(table[0]).toMatch(/^city\s+technology\s+complaints\s+rate_per_10k\s+warning$/);
  });

  it('right-aligns numbers, prints fractions to 2 decimals and null as nothing', () => {
    const table = lines(alignedTable(rows));
    const complaintsEnd = endColumn(table[0]!, 'complaints');
    for (const [i, count] of [
      [2, ' 1234'],
      [3, ' 7'],
      [4, ' 15'],
    ] as const) {
      expect(endColumn(table[i]!, count)).toBe(complaintsEnd);
    }
    expect(table[2]).toContain(' 3.14');
    expect(table[2]).not.toContain('3.141');
    expect(table[3]).toContain(' 12 ');
    expect(table[4]).not.toContain('null');
  });

  it('shortens long id lists with an ellipsis and keeps prose whole', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `CP${String(i).padStart(8, '0')}`);
    const answer = '您所在区域已列入新建基站计划，建成后信号将改善，感谢您的耐心等待。我们会在基站开通后短信通知您。';
    const table = lines(alignedTable([{ complaint_ids: ids, answer }]));
    expect(table[2]).toContain('…');
    expect(table[2]).not.toContain(ids[29]);
    expect(table[2]).toContain(answer);
  });

  it('prints the header of an empty table from the given columns', () => {
    expect(lines(alignedTable([], ['city', 'complaints']))[0]).toBe('city  complaints');
  });
});
