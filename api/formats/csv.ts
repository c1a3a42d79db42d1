/** One CSV field: quoted when it holds a delimiter, a quote or a line break (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text with a header row taken from the first row's keys (or `columns`). */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const records = rows as readonly Record<string, unknown>[];
  const header = columns ?? Object.keys(records[0] ?? {});
  const lines = [header.map(csvField).join(',')];
  for (const row of records) lines.push(header.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** CSV text in pieces of `chunkRows` lines, header first, so a large table is never one string. */
export function* csvChunks(rows: Iterable<object>, columns: readonly string[], chunkRows = 1000): Generator<string> {
  let lines = [columns.map(csvField).join(',')];
  for (const row of rows as Iterable<Record<string, unknown>>) {
    lines.push(columns.map((c) => csvField(row[c])).join(','));
    if (lines.length >= chunkRows) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}
