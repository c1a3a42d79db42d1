import type { Incident } from '../../domain/incident.js';

/** Reads the incidents, as they stand now, whose last complaint is at or after `since` (ISO-8601). */
export type IncidentsSince = (since: string) => Promise<Incident[]>;

/**
 * Remembers the incidents announced open in this process and, after each ingest, notices which
 * have closed (SPEC §3: their last complaint is now 60 minutes older than the newest data), so
 * `incident.closed` reaches subscribers even though ingest reports only openings and updates.
 * One query per check, however many incidents are followed.
 */
export class ClosureTracker {
  /** incident_id -> its end (ISO-8601), oldest announcement first. */
  private readonly open = new Map<string, string>();
  private checking: Promise<Incident[]> = Promise.resolve([]);

  constructor(
    private readonly readSince: IncidentsSince,
    private readonly maxTracked = 1000,
  ) {}

  /** Follows an incident's status from what an event said of it. */
  note(incident: Incident): void {
    this.open.delete(incident.incident_id);
    if (incident.status !== 'open') return;
    this.open.set(incident.incident_id, incident.end);
    // Dropping the oldest bounds memory on a long-running server.
    if (this.open.size > this.maxTracked) this.open.delete(this.open.keys().next().value!);
  }

  /** The followed incidents that are now closed (they stop being followed); checks never overlap. */
  closedSince(): Promise<Incident[]> {
    this.checking = this.checking.catch(() => []).then(() => this.check());
    return this.checking;
  }

  private async check(): Promise<Incident[]> {
    if (this.open.size === 0) return [];
    const since = [...this.open.values()].reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
    const now = new Map((await this.readSince(since)).map((incident) => [incident.incident_id, incident]));
    const closed: Incident[] = [];
    for (const id of [...this.open.keys()]) {
      const incident = now.get(id);
      // Gone means it was merged into another incident under a new id: that one is followed instead.
      if (incident === undefined) this.open.delete(id);
      else if (incident.status === 'closed') {
        this.open.delete(id);
        closed.push(incident);
      }
    }
    return closed;
  }
}
