import type { Category, ResolutionKind, Technology } from '../domain/enums.js';
import { canonicalValue } from '../domain/value-aliases.js';

// The live path's twins of the value reading in sql/check-complaints.sql, one per field type:
// canonical values and their aliases (domain/value-aliases.ts). undefined = not a valid value.

/** A complaint category, or its alias (`掉话` → call_drop). */
export function parseCategory(text: string): Category | undefined {
  return canonicalValue('category', text) as Category | undefined;
}

/** A network technology, or its alias (`4G` → LTE). */
export function parseTechnology(text: string): Technology | undefined {
  return canonicalValue('technology', text) as Technology | undefined;
}

/** A resolution, or its alias. */
export function parseResolution(text: string): ResolutionKind | undefined {
  return canonicalValue('resolution', text) as ResolutionKind | undefined;
}

/** The follow-up answer as a boolean (`是` / `满意` / `1` → true). */
export function parseSatisfied(text: string): boolean | undefined {
  const value = canonicalValue('satisfied', text);
  return value === undefined ? undefined : value === 'true';
}
