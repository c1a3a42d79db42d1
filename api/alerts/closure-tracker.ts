import type { Incident } from '../../domain/incident.js';

/** Reads an incident as it stands now (the lead's `getIncident`). */
export type IncidentReader = (id: string) => Promise<Incident | undefined>;

/**
 * Remembers the incidents announced open in this process and, after each ingest, notices which
 * have closed (SPEC §3: their last complaint is now 60 minutes older than the newest data), so
 * `incident.closed` reaches subscribers even though ingest reports only openings and updates.
 */
export class ClosureTracker {
  private readonly open = new Map<string, true>();
  private checking: Promise<Incident[]> = Promise.resolve([]);

  constructor(
    private readonly read: IncidentReader,
    private readonly maxTracked = 1000,
  ) {}

  /** Follows an incident's status from what an event said of it. */
  note(incident: Incident): void {
    this.open.delete(incident.incident_id);
    if (incident.status !== 'open') return;
    this.open.set(incident.incident_id, true);
    // Oldest first in insertion order: dropping it bounds memory on a long-running server.
    if (this.open.size > this.maxTracked) this.open.delete(this.open.keys().next().value!);
  }

  /** The tracked incidents that are now closed (they stop being tracked); checks never overlap. */
  closedSince(): Promise<Incident[]> {
    this.checking = this.checking.catch(() => []).then(() => this.check());
    return this.checking;
  }

  private async check(): Promise<Incident[]> {
    const closed: Incident[] = [];
    for (const id of [...this.open.keys()]) {
      const incident = await this.read(id);
      // Gone means it was merged into another incident under a new id: that one is tracked instead.
      if (incident === undefined) this.open.delete(id);
      else if (incident.status === 'closed') {
        this.open.delete(id);
        closed.push(incident);
      }
    }
    return closed;
  }
}
