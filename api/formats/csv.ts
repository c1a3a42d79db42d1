/** One CSV field: quoted when it holds a delimiter, a quote or a line break (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text with a header row taken from the first row's keys (or `columns`). */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const header = columns ?? Object.keys(rows[0] ?? {});
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(header.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** CSV text in pieces of `chunkRows` lines, header first, so a large table is never one string. */
export function* csvChunks(rows: Iterable<Record<string, unknown>>, columns: readonly string[], chunkRows = 1000): Generator<string> {
  let lines = [columns.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(row[c])).join(','));
    if (lines.length >= chunkRows) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}
