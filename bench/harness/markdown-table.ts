/**
 * A GitHub-flavoured Markdown table with padded columns, readable as is in a terminal and
 * rendered as a table in BENCHMARKS.md. Columns whose header starts with a space are left-aligned.
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const left = headers.map((h, i) => i === 0 || h.startsWith(' '));
  const names = headers.map((h) => h.trim());
  const widths = names.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length), 3));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (left[i] ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left[i] ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(names), rule, ...rows.map((r) => line(names.map((_, i) => r[i] ?? '')))].join('\n');
}
