import type { Category } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { ClusterComplaint, Incident } from '../../domain/incident.js';
import { DEFAULT_MIN_COUNT, DEFAULT_WINDOW_MS } from './batch-detector.js';
import { categoryIndexOf } from './complaint-columns.js';
import { EvictionQueue } from './eviction-queue.js';
import { GroupFinder } from './group-finder.js';
import { HexBucket, type HeldComplaint } from './hex-bucket.js';
import { HexGraph } from './hex-graph.js';
import { StreamIncident, type StreamedIncident } from './stream-incident.js';

export type { StreamedIncident } from './stream-incident.js';

export interface StreamOptions {
  /** Window length in ms (SPEC §3: 60 minutes). */
  windowMs?: number;
  /** Complaints a group needs (SPEC §3: six). */
  minCount?: number;
  /** How far (ms) behind the newest complaint a complaint may still arrive; older ones are rejected. */
  latenessMs?: number;
  /** An incident is closed once its last complaint is this old (ms) relative to the newest data (SPEC §3: 60 min). */
  closeAfterMs?: number;
}

/**
 * What a push reports. `incident` is computed when first read (then fixed), so consumers that
 * ignore it pay nothing; it reflects the incident at the end of the call that returned the event.
 * `incident_id` is the same as `incident.incident_id`, without computing the rest.
 * - opened: an incident_id not reported before (a group just qualified, or the earliest complaint changed).
 * - updated: a reported incident grew, merged or reopened. Treat opened and updated as upserts.
 * - absorbed: ids reported earlier that no longer exist, merged into this one: drop them.
 * - closed: its last complaint became `closeAfterMs` old. A later merge or late complaint can reopen it (updated).
 */
export type IncidentEvent =
  | { type: 'opened' | 'updated'; incident_id: string; readonly incident: StreamedIncident; absorbed: string[] }
  | { type: 'closed'; incident_id: string; readonly incident: StreamedIncident };

/** A complaint the detector ignored: older than watermark − lateness, or already held (same id, hexagon, category, time). */
export interface RejectedEvent {
  type: 'rejected';
  reason: 'late' | 'duplicate';
  complaint_id: string;
  t: number;
}

export type StreamEvent = IncidentEvent | RejectedEvent;

const DEFAULT_LATENESS_MS = 0;

/**
 * Incremental major-cluster detection (SPEC §3): push complaints as they arrive; an incident is
 * opened by the very push that makes its first group qualify. After `flush`, the incidents
 * reported (opened/updated minus absorbed) have exactly the complaint sets of `detectClusters`
 * on the same complaints. State is the complaints of the last window + lateness, plus start runs
 * and incidents that can still merge (two windows + lateness).
 */
export class StreamDetector {
  readonly windowMs: number;
  readonly minCount: number;
  readonly latenessMs: number;
  readonly closeAfterMs: number;
  private now = -Infinity;
  private readonly graph = new HexGraph();
  private readonly finder: GroupFinder;
  private readonly queue = new EvictionQueue<HeldComplaint>();
  private readonly touched = new Set<StreamIncident>();
  private readonly open = new Set<StreamIncident>();
  private nextCloseAt = Infinity;
  private nextSweepAt = -Infinity;
  private readonly release = (rec: HeldComplaint): void => {
    rec.bucket.shift();
    this.graph.addHeld(rec.bucket.node, rec.bucket.cat, -1);
  };

  /** @throws CellpulseError invalid_parameter on a non-positive window, close delay or count, or a negative lateness. */
  constructor(options: StreamOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.minCount = options.minCount ?? DEFAULT_MIN_COUNT;
    this.latenessMs = options.latenessMs ?? DEFAULT_LATENESS_MS;
    this.closeAfterMs = options.closeAfterMs ?? DEFAULT_WINDOW_MS;
    const spans = [this.windowMs, this.closeAfterMs, this.latenessMs];
    if (!spans.every(Number.isFinite) || !(this.windowMs > 0 && this.closeAfterMs > 0 && this.latenessMs >= 0)) {
      throw new CellpulseError('invalid_parameter', 'windowMs and closeAfterMs must be positive and latenessMs non-negative (ms)', options);
    }
    if (!Number.isInteger(this.minCount) || this.minCount < 1) throw new CellpulseError('invalid_parameter', 'minCount must be a positive integer', this.minCount);
    this.finder = new GroupFinder(this.graph, this.windowMs, this.minCount);
  }

  /** The newest complaint time seen (epoch ms), or the time passed to `advanceTo` if later. */
  get watermark(): number {
    return this.now;
  }

  /** Complaints held: those that can still share a window with a future complaint. */
  stateSize(): number {
    return this.queue.size;
  }

  /**
   * Adds one complaint (epoch ms `t`, H3 cell at one resolution).
   * @throws CellpulseError invalid_parameter on an unknown category, a non-finite time or an invalid cell.
   */
  push(complaint: ClusterComplaint): StreamEvent[] {
    const events: StreamEvent[] = [];
    this.ingest(complaint, events);
    return this.report(events);
  }

  /** Adds complaints in the given order; one event per incident for the whole call. */
  pushMany(complaints: Iterable<ClusterComplaint>): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const complaint of complaints) this.ingest(complaint, events);
    return this.report(events);
  }

  /** Moves the watermark to `t` (epoch ms) without a complaint: evicts, and closes quiet incidents. */
  advanceTo(t: number): StreamEvent[] {
    if (Number.isNaN(t)) throw new CellpulseError('invalid_parameter', 'advanceTo needs a time in epoch ms', t);
    this.advance(t);
    return this.report([]);
  }

  /** End of input: closes every incident and empties the state; later pushes are rejected as late. */
  flush(): StreamEvent[] {
    return this.advanceTo(Infinity);
  }

  /** The incidents not closed yet, as they are now. */
  openIncidents(): StreamedIncident[] {
    return [...this.open].filter((i) => i.isRoot).map((i) => i.snapshot('open')());
  }

  private ingest(c: ClusterComplaint, events: StreamEvent[]): void {
    const cat = categoryIndexOf(c);
    if (c.t < this.now - this.latenessMs) {
      events.push({ type: 'rejected', reason: 'late', complaint_id: c.complaint_id, t: c.t });
      return;
    }
    const node = this.graph.node(c.h3);
    this.advance(c.t);
    const bucket = (node.buckets[cat] ??= new HexBucket(node, cat));
    const rec: HeldComplaint = { c, t: c.t, bucket, inc: undefined };
    if (!bucket.insert(rec)) {
      events.push({ type: 'rejected', reason: 'duplicate', complaint_id: c.complaint_id, t: c.t });
      return;
    }
    this.graph.addHeld(node, cat, 1);
    this.queue.push(rec);
    if (!this.finder.crowded(rec, cat)) return;
    const root = this.finder.groupsOf(rec, c.category as Category);
    if (root) this.touched.add(root);
  }

  /** A complaint at or before watermark − lateness − window can share no window with a future one. */
  private advance(t: number): void {
    if (t <= this.now) return;
    this.now = t;
    const horizon = t - this.latenessMs - this.windowMs;
    this.queue.popUpTo(horizon, this.release);
    if (t >= this.nextSweepAt) {
      // Future windows start after the horizon; a start links to starts less than a window away.
      this.finder.sweep(horizon - this.windowMs);
      this.nextSweepAt = t + this.windowMs;
    }
  }

  private report(events: StreamEvent[]): StreamEvent[] {
    if (this.touched.size === 0 && this.now < this.nextCloseAt) return events;
    const roots = new Set([...this.touched].map((i) => i.find()));
    this.touched.clear();
    for (const root of roots) events.push(this.describe(root));
    this.closeQuiet(events);
    return events;
  }

  private describe(root: StreamIncident): IncidentEvent {
    const id = root.incidentId;
    const known = root.reportedId === id || root.absorbed.includes(id);
    const gone = new Set(root.reportedId === undefined ? root.absorbed : [...root.absorbed, root.reportedId]);
    gone.delete(id);
    root.reportedId = id;
    root.absorbed = [];
    const status = this.statusOf(root);
    if (status === 'open' || !root.closed) {
      root.closed = false;
      this.open.add(root);
      this.nextCloseAt = Math.min(this.nextCloseAt, root.lastT + this.closeAfterMs);
    }
    return incidentEvent(known ? 'updated' : 'opened', id, root.snapshot(status), [...gone]);
  }

  private closeQuiet(events: StreamEvent[]): void {
    if (this.now < this.nextCloseAt) return;
    let next = Infinity;
    for (const inc of this.open) {
      if (!inc.isRoot) this.open.delete(inc);
      else if (this.statusOf(inc) === 'closed') {
        inc.closed = true;
        this.open.delete(inc);
        events.push(incidentEvent('closed', inc.incidentId, inc.snapshot('closed')));
      } else next = Math.min(next, inc.lastT + this.closeAfterMs);
    }
    this.nextCloseAt = next;
  }

  private statusOf(inc: StreamIncident): Incident['status'] {
    return this.now - inc.lastT >= this.closeAfterMs ? 'closed' : 'open';
  }
}

function incidentEvent(type: 'opened' | 'updated', id: string, snapshot: () => StreamedIncident, absorbed: string[]): IncidentEvent;
function incidentEvent(type: 'closed', id: string, snapshot: () => StreamedIncident): IncidentEvent;
function incidentEvent(type: IncidentEvent['type'], id: string, snapshot: () => StreamedIncident, absorbed?: string[]): IncidentEvent {
  let cached: StreamedIncident | undefined;
  if (type === 'closed') return { type, incident_id: id, get incident() { return (cached ??= snapshot()); } };
  return { type, incident_id: id, absorbed: absorbed ?? [], get incident() { return (cached ??= snapshot()); } };
}
