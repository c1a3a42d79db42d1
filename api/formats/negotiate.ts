import { z } from 'zod';
import { CellpulseError } from '../../domain/errors.js';

export const OUTPUT_FORMATS = ['json', 'geojson', 'csv', 'arrow'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const MEDIA_TYPES: Record<OutputFormat, string> = {
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  arrow: 'application/vnd.apache.arrow.stream',
};

/** `?format=` of a route that offers `formats`; absent means "ask the Accept header". */
export function formatQuery(formats: readonly OutputFormat[]) {
  return z
    .enum(formats as [OutputFormat, ...OutputFormat[]])
    .optional()
    .describe(`response format; overrides the Accept header`);
}

const ACCEPT_ALIASES: Record<string, OutputFormat> = {
  'application/json': 'json',
  'application/geo+json': 'geojson',
  'text/csv': 'csv',
  'application/vnd.apache.arrow.stream': 'arrow',
  'application/vnd.apache.arrow.file': 'arrow',
};

/**
 * The format to answer in: `?format=` when given, else the most preferred media type of the
 * Accept header that the route offers (q-values honoured), else JSON.
 * @throws CellpulseError not_acceptable when Accept names only media types the route cannot produce.
 */
export function negotiateFormat(
  explicit: OutputFormat | undefined,
  accept: string | undefined,
  offered: readonly OutputFormat[],
): OutputFormat {
  if (explicit !== undefined) return explicit;
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = parseAccept(accept);
  for (const { type } of ranges) {
    if (type === '*/*' || type === 'application/*') return offered.includes('json') ? 'json' : offered[0]!;
    if (type === 'text/*' && offered.includes('csv')) return 'csv';
    const format = ACCEPT_ALIASES[type];
    if (format !== undefined && offered.includes(format)) return format;
  }
  throw new CellpulseError(
    'not_acceptable',
    `this route answers in ${offered.map((f) => MEDIA_TYPES[f].split(';')[0]).join(', ')}`,
    accept,
  );
}

function parseAccept(accept: string): { type: string; q: number }[] {
  return (
    accept
      .split(',')
      .map((part, index) => {
        const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
        const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
        return { type, q: Number.isFinite(q) ? q : 0, index };
      })
      .filter((range) => range.type !== '' && range.q > 0)
      // Stable: equal q-values keep the client's order.
      .sort((a, b) => b.q - a.q || a.index - b.index)
  );
}
