import type { Category } from '../../domain/enums.js';
import type { ClusterComplaint, Incident } from '../../domain/incident.js';
import { describeIncident, incidentId, type DetectedIncident } from './incident-merge.js';

/** An incident as the streaming detector reports it: the SPEC §3 object (cell_ids left to the store). */
export type StreamedIncident = DetectedIncident & Pick<Incident, 'cell_ids' | 'status'>;

/**
 * A growing incident of the streaming detector, a node of a union-find forest: incidents merge
 * (SPEC §3) but never split. The root holds the aggregates; the larger side absorbs the smaller.
 */
export class StreamIncident {
  private parent: StreamIncident = this;
  /** Append-only while this is a root, so a (members, length) pair is a snapshot. */
  members: ClusterComplaint[] = [];
  earliest: ClusterComplaint | undefined;
  lastT = -Infinity;
  peak = 0;
  /** The incident_id last reported in an event, if any. */
  reportedId: string | undefined;
  /** Ids reported for incidents merged into this one since its last event. */
  absorbed: string[] = [];
  /** A 'closed' event went out and nothing joined since. */
  closed = false;
  private idFor: ClusterComplaint | undefined;
  private id = '';

  constructor(readonly category: Category) {}

  find(): StreamIncident {
    let node: StreamIncident = this;
    while (node.parent !== node) {
      node.parent = node.parent.parent;
      node = node.parent;
    }
    return node;
  }

  /** Its incident_id (SPEC §3, from the earliest complaint); a sha1, so computed only when that changes. */
  get incidentId(): string {
    if (this.idFor !== this.earliest) {
      this.id = incidentId(this.category, this.earliest!);
      this.idFor = this.earliest;
    }
    return this.id;
  }

  get isRoot(): boolean {
    return this.parent === this;
  }

  add(c: ClusterComplaint): void {
    this.members.push(c);
    if (this.earliest === undefined || before(c, this.earliest)) this.earliest = c;
    if (c.t > this.lastT) this.lastT = c.t;
  }

  /** Merges the incidents of `a` and `b`; returns the root of the result. */
  static union(a: StreamIncident, b: StreamIncident): StreamIncident {
    const ra = a.find();
    const rb = b.find();
    if (ra === rb) return ra;
    const [big, small] = ra.members.length >= rb.members.length ? [ra, rb] : [rb, ra];
    for (const c of small.members) big.members.push(c);
    small.members = [];
    if (small.earliest && (!big.earliest || before(small.earliest, big.earliest))) big.earliest = small.earliest;
    big.lastT = Math.max(big.lastT, small.lastT);
    big.peak = Math.max(big.peak, small.peak);
    if (small.reportedId !== undefined) big.absorbed.push(small.reportedId);
    big.absorbed.push(...small.absorbed);
    big.closed &&= small.closed;
    small.parent = big;
    return big;
  }

  /** A function giving the incident as it is now, whenever it is called (members are copied then). */
  snapshot(status: Incident['status']): () => StreamedIncident {
    const { category, members, peak } = this;
    const count = members.length;
    return () => ({ ...describeIncident(category, members.slice(0, count), peak), cell_ids: [], status });
  }
}

/** The batch's order of complaints: time, then complaint_id. */
function before(a: ClusterComplaint, b: ClusterComplaint): boolean {
  return a.t < b.t || (a.t === b.t && a.complaint_id < b.complaint_id);
}
