import stringWidth from 'string-width';

/** Widest a list cell (ids joined by ';') gets on a terminal; a longer one ends in an ellipsis. Prose stays whole. */
const MAX_CELL = 48;
const COORDINATE = /(^|_)(lat|lon)$/;

/**
 * Rows as a table a person reads on a terminal: one header, columns padded to their display width
 * (a Chinese character takes two columns), numbers right-aligned, fractions to 2 decimals
 * (coordinates to 5), empty for null.
 */
export function alignedTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const header = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => header.map((column) => cellText(column, row[column])));
  const numeric = header.map((column) => rows.length > 0 && rows.every((row) => isNumberish(row[column])));
  const widths = header.map((column, i) =>
    Math.max(stringWidth(column), ...cells.map((line) => stringWidth(line[i]!))),
  );
  const pad = (text: string, i: number): string => {
    const fill = ' '.repeat(widths[i]! - stringWidth(text));
    return numeric[i] ? fill + text : text + fill;
  };
  const lines = [header.map(pad), widths.map((w) => '─'.repeat(w)), ...cells.map((line) => line.map(pad))];
  return `${lines.map((line) => line.join('  ').trimEnd()).join('\n')}\n`;
}

function isNumberish(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'number' || typeof value === 'bigint';
}

function cellText(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(COORDINATE.test(column) ? 5 : 2);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return truncate(value.join(';'));
  if (typeof value === 'object') return truncate(JSON.stringify(value));
  const text = String(value).replace(/\s+/g, ' ');
  return text.includes(';') ? truncate(text) : text;
}

function truncate(text: string): string {
  if (stringWidth(text) <= MAX_CELL) return text;
  let cut = text;
  while (stringWidth(cut) > MAX_CELL - 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}
