/**
 * The rule for control characters in ids, names and free text, in one place for every checker:
 * the file ingest's SQL (ingest/sql/check-*.sql, through DuckDB's RE2) and the live path's
 * TypeScript validator. A NUL or an escape code in an id breaks look-ups, CSV exports, logs and
 * terminals, and is never what an operator meant.
 */

/** C0 controls (U+0000–U+001F) and DEL (U+007F): never in an id or a name. Reads the same in JS and RE2. */
export const CONTROL_CHARACTERS = '[\\x00-\\x1F\\x7F]';

/** In free text (an event's note) tabs and line breaks are text; the other controls are not. */
export const TEXT_CONTROL_CHARACTERS = '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]';

/**
 * The rejected-row reason: the field, then the first offending code point as 4 hex digits.
 * Written for DuckDB's format() (fmt syntax); controlCharacterReason fills it the same way in JS.
 */
export const CONTROL_CHARACTER_REASON = '{} contains the control character U+{:04X}; remove it';

const idPattern = new RegExp(CONTROL_CHARACTERS);
const textPattern = new RegExp(TEXT_CONTROL_CHARACTERS);

/**
 * The reason to reject `value` of `field`, or undefined when it holds no control character.
 * `kind` is 'id' for ids and names, 'text' for free text (tabs and line breaks allowed).
 */
export function controlCharacterReason(field: string, value: string, kind: 'id' | 'text' = 'id'): string | undefined {
  const found = (kind === 'id' ? idPattern : textPattern).exec(value);
  if (found === null) return undefined;
  const hex = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return CONTROL_CHARACTER_REASON.replace('{}', field).replace('{:04X}', hex);
}
