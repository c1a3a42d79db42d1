/** Number formats shared by the report's tables, charts and summary; null reads as an em dash. */
export const DASH = '—';

/** A rate per 10k subscribers, 2 decimals. */
export function formatRate(value: number | null): string {
  return value === null ? DASH : value.toFixed(2);
}

/** A signed change, 2 decimals (+0.00 for none). */
export function formatChange(value: number | null): string {
  if (value === null) return DASH;
  const text = Math.abs(value).toFixed(2);
  // A change that rounds to zero gets no sign: "−0.00" reads as a fall.
  if (Number(text) === 0) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** A share in [0, 1] as a percentage with 2 decimals. */
export function formatPercent(value: number | null): string {
  return value === null ? DASH : `${(value * 100).toFixed(2)}%`;
}

/** A difference of two shares, in percentage points. */
export function formatPoints(value: number | null): string {
  return value === null ? DASH : `${formatChange(value * 100)} pp`;
}

/** An integer with thousands separators. */
export function formatCount(value: number | null): string {
  return value === null ? DASH : value.toLocaleString('en-US');
}
