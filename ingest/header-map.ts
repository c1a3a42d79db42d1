import type { InputKind } from '../domain/enums.js';
import { CellpulseError } from '../domain/errors.js';
import { FIELDS } from './columns.js';

/** For each canonical field, the source column that holds it (or undefined when absent). */
export type HeaderMap = Map<string, string | undefined>;

/**
 * Matches a file's header names to the canonical fields of `kind`, case-insensitively,
 * English names first, then the Chinese and other aliases.
 * @throws CellpulseError refused_file when a required column is missing.
 */
export function mapHeaders(kind: InputKind, headers: readonly string[], source: string): HeaderMap {
  const byLower = new Map<string, string>();
  for (const header of headers) {
    const key = header.trim().toLowerCase();
    if (!byLower.has(key)) byLower.set(key, header);
  }
  const map: HeaderMap = new Map();
  for (const spec of FIELDS[kind]) {
    const candidates = [spec.name, ...spec.aliases].map((n) => n.toLowerCase());
    map.set(
      spec.name,
      candidates.map((c) => byLower.get(c)).find((h) => h !== undefined),
    );
  }
  const missing = FIELDS[kind].filter((spec) => spec.required && map.get(spec.name) === undefined);
  if (missing.length > 0) {
    const wanted = missing.map((s) => [s.name, ...s.aliases.filter((a) => /\P{ASCII}/u.test(a))].join('/'));
    throw new CellpulseError(
      'refused_file',
      `${source}: missing required column(s) ${wanted.join(', ')} for ${kind}; ` +
        `found columns: ${headers.join(', ') || '(none)'}`,
    );
  }
  return map;
}
