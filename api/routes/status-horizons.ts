import type { Incident } from '../../domain/incident.js';
import type { TimeSpan } from '../../store/change-log.js';
import { LruMap } from '../plugins/app/lru-map.js';

/** An incident is open while its last complaint is less than this older than the newest one (list-incidents.sql). */
const OPEN_FOR_MS = 60 * 60_000;

/**
 * Per incident list (its cache key), the newest-complaint times its statuses still depend on: once
 * the newest complaint is over an hour past the last end in the list, every incident in it is
 * closed and stays so as the newest complaint moves on. A horizon holds only for the set of
 * incidents it was learnt from (`setVersion`: the last write that changed the list's span); a
 * list not seen yet, or changed since, depends on every move.
 */
export class StatusHorizons {
  private readonly byKey: LruMap<string, { setVersion: number; until: number }>;

  constructor(capacity = 256) {
    this.byKey = new LruMap(capacity);
  }

  /** The span of `newest` the list under `key` reads while its incidents are those of `setVersion`. */
  of(key: string, setVersion: number): TimeSpan {
    const held = this.byKey.get(key);
    return { from: -Infinity, to: held?.setVersion === setVersion ? held.until : Infinity };
  }

  /** The list under `key`, asked at `setVersion`, was read: its statuses settle an hour after its last end. */
  learn(key: string, setVersion: number, incidents: readonly Incident[]): void {
    let last = -Infinity;
    for (const incident of incidents) last = Math.max(last, Date.parse(incident.end));
    this.byKey.set(key, { setVersion, until: Number.isNaN(last) ? Infinity : last + OPEN_FOR_MS + 1 });
  }
}
