/** Median of the finite numbers in `values`; undefined when there are none. */
export function median(values: readonly number[]): number | undefined {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Key-wise median of records: numeric keys get their median, nested records recurse, others keep the first value. */
export function medianRecord(records: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = new Set(records.flatMap((r) => Object.keys(r)));
  for (const key of keys) {
    const values = records.map((r) => r[key]).filter((v) => v !== undefined);
    if (values.length > 0 && values.every((v) => typeof v === 'number')) out[key] = median(values as number[]);
    else if (values.length > 0 && values.every(isPlainRecord))
      out[key] = medianRecord(values as Record<string, unknown>[]);
    else out[key] = values[0];
  }
  return out;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "1.23 s" / "45.6 ms" / "789 µs". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 2)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

/** 1234567 -> "1.23 M", 12345 -> "12.3 k". */
export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)} k`;
  return Number.isInteger(n) || n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** Ratio a/b as "1.23×". */
export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined || !Number.isFinite(ratio) ? '—' : `${ratio.toFixed(2)}×`;
}

export function formatMb(mb: number | undefined): string {
  return mb === undefined ? '—' : `${mb.toFixed(0)} MB`;
}

/** 100000 -> "100k", 1000000 -> "1M". */
export function sizeLabel(size: number): string {
  if (size >= 1e6 && size % 1e6 === 0) return `${size / 1e6}M`;
  if (size >= 1e3 && size % 1e3 === 0) return `${size / 1e3}k`;
  return String(size);
}

/** The `p`-th percentile (0–100, nearest rank) of the finite numbers in `values`; undefined when none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
