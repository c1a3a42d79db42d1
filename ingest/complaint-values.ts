import {
  CATEGORIES, RESOLUTIONS, TECHNOLOGIES, type Category, type ResolutionKind, type Technology,
} from '../domain/enums.js';

// The live path's twins of the casts in sql/check-complaints.sql, one per field type, so value
// aliases (Chinese names) plug in at one place for request bodies. undefined = not a valid value.

const inList = <T extends string>(values: readonly T[], text: string): T | undefined =>
  (values as readonly string[]).includes(text) ? (text as T) : undefined;

/** A complaint category, matched case-insensitively (`lower(category)`). */
export function parseCategory(text: string): Category | undefined {
  return inList(CATEGORIES, text.toLowerCase());
}

/** A network technology, matched case-insensitively (`upper(technology)`). */
export function parseTechnology(text: string): Technology | undefined {
  return inList(TECHNOLOGIES, text.toUpperCase());
}

/** A resolution, matched case-insensitively (`lower(resolution)`). */
export function parseResolution(text: string): ResolutionKind | undefined {
  return inList(RESOLUTIONS, text.toLowerCase());
}

const TRUE_WORDS = ['true', 't', '1', 'yes', 'y', '是'];
const FALSE_WORDS = ['false', 'f', '0', 'no', 'n', '否'];

/** The follow-up answer as a boolean. */
export function parseSatisfied(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}

/** Control characters (U+0000–U+001F, U+007F), refused in ids and free text. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}
