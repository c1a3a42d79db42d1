import { LOCAL_MINUTE } from '../../domain/local-minute.js';

/**
 * An instant shown as local wall time of `timeZone`, `YYYY-MM-DD HH:mm`, whatever the zone of
 * the process that writes the report (reports name the database's zone, not the reader's).
 */
export function formatLocalTime(iso: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, ...LOCAL_MINUTE, hourCycle: 'h23' });
  const parts = format.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
