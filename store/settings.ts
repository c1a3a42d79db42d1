import { z } from 'zod';
import { H3Resolution } from '../domain/enums.js';
import { CellpulseError } from '../domain/errors.js';

/** A time zone the runtime's ICU data knows (e.g. Asia/Shanghai). */
export const TimeZone = z.string().refine(isKnownTimeZone, 'not an IANA time zone known to this runtime');

/**
 * Settings fixed when a database is created and stored in it. No `.default()` here: zod fills
 * defaults even under `.partial()`, which made every open "ask" for the defaults and refused
 * to reopen a database created with another zone or resolution. Defaults apply at creation only.
 */
export const DatabaseSettings = z.object({
  h3Resolution: H3Resolution,
  timeZone: TimeZone,
});
export type DatabaseSettings = z.infer<typeof DatabaseSettings>;

export const DEFAULT_SETTINGS: DatabaseSettings = { h3Resolution: 8, timeZone: 'Asia/Shanghai' };

export const SETTING_KEYS = { h3Resolution: 'h3_resolution', timeZone: 'time_zone' } as const;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks that settings asked for on an existing database agree with the stored ones:
 * resolution and zone apply only at creation, so a mismatch is refused rather than ignored.
 * @throws CellpulseError invalid_parameter on a mismatch.
 */
export function assertSameSettings(stored: DatabaseSettings, asked: Partial<DatabaseSettings>): void {
  if (asked.h3Resolution !== undefined && asked.h3Resolution !== stored.h3Resolution) {
    throw new CellpulseError(
      'invalid_parameter',
      `this database was created with H3 resolution ${stored.h3Resolution}; ` +
        `--res applies only when a database is created`,
      asked.h3Resolution,
    );
  }
  if (asked.timeZone !== undefined && asked.timeZone !== stored.timeZone) {
    throw new CellpulseError(
      'invalid_parameter',
      `this database was created with time zone ${stored.timeZone}; --tz applies only when a database is created`,
      asked.timeZone,
    );
  }
}
