import { describe, expect, it } from 'vitest';
import { areNeighborCells, cellToChildren, cellToParent, getPentagons, gridDisk, gridDistance } from 'h3-js';
import { StreamDetector, type IncidentEvent, type StreamEvent } from '../../../../analytics/clusters/index.js';
import { CellpulseError } from '../../../../domain/errors.js';
import type { ClusterComplaint } from '../../../../domain/incident.js';
import { at, HARBIN, line, MIN, T0 } from './cluster-fixtures.js';
import { batchIncidents, inTimeOrder, replay, sortById } from './stream-detector-replay.js';

const neighbour = (h: string): string => gridDisk(h, 1).find((n) => n !== h)!;
const ids = (cs: readonly ClusterComplaint[]): string[] => cs.map((c) => c.complaint_id).sort();
const types = (events: readonly StreamEvent[]): string[] => events.map((e) => e.type);
const incidentEvents = (events: readonly StreamEvent[]): IncidentEvent[] => events.filter((e): e is IncidentEvent => e.type !== 'rejected');

/** Streams in time order, checks the result equals the batch detector's, returns the incidents. */
function streamed(cs: readonly ClusterComplaint[]): ReturnType<typeof batchIncidents> {
  const incidents = sortById(replay(inTimeOrder(cs)).incidents.values());
  expect(incidents).toEqual(batchIncidents(cs));
  return incidents;
}

describe('StreamDetector at the boundaries of SPEC §3 (same answer as detectClusters)', () => {
  it('five complaints in an hour do not fire, six do', () => {
    expect(streamed(at(HARBIN, [0, 10, 20, 30, 40]))).toEqual([]);
    const six = at(HARBIN, [0, 10, 20, 30, 40, 50]);
    const [incident] = streamed(six);
    expect(incident!.complaint_ids).toEqual(ids(six));
    expect(incident!.peak_count).toBe(6);
  });

  it('the window is half-open: 59:59 apart fires, 60:00 apart does not', () => {
    expect(streamed(at(HARBIN, [0, 10, 20, 30, 40, 59 + 59 / 60]))).toHaveLength(1);
    expect(streamed(at(HARBIN, [0, 10, 20, 30, 40, 60]))).toEqual([]);
  });

  it('3 + 3 in neighbouring hexagons fires; at distance 2 through the empty hexagon between; not at distance 3', () => {
    expect(streamed([...at(HARBIN, [0, 1, 2]), ...at(neighbour(HARBIN), [3, 4, 5])])).toHaveLength(1);
    const cells = line(HARBIN, 4);
    expect(gridDistance(cells[0]!, cells[2]!)).toBe(2);
    expect(streamed([...at(cells[0]!, [0, 1, 2]), ...at(cells[2]!, [3, 4, 5])])[0]!.complaint_count).toBe(6);
    expect(streamed([...at(cells[0]!, [0, 1, 2]), ...at(cells[3]!, [3, 4, 5])])).toEqual([]);
  });

  it('2-1-1-2 along a line of four hexagons does not fire', () => {
    const [a, b, c, d] = line(HARBIN, 4);
    expect(streamed([...at(a!, [0, 1]), ...at(b!, [2]), ...at(c!, [3]), ...at(d!, [4, 5])])).toEqual([]);
  });

  it('a triangle of three mutually neighbouring hexagons fires as one incident', () => {
    const b = neighbour(HARBIN);
    const c = gridDisk(HARBIN, 1).find((n) => n !== HARBIN && n !== b && areNeighborCells(n, b))!;
    const [incident, ...rest] = streamed([...at(HARBIN, [0, 1]), ...at(b, [2, 3]), ...at(c, [4, 5])]);
    expect(rest).toEqual([]);
    expect(incident!.hexes).toHaveLength(3);
  });

  it('3 + 3 of two categories does not fire', () => {
    expect(streamed([...at(HARBIN, [0, 1, 2], 'call_drop'), ...at(HARBIN, [3, 4, 5], 'no_signal')])).toEqual([]);
  });

  it('works around a pentagon (five neighbours) and at resolutions 7 and 9', () => {
    const pentagon = getPentagons(8)[0]!;
    const around = gridDisk(pentagon, 1).filter((n) => n !== pentagon);
    expect(streamed([...at(around[0]!, [0, 1, 2]), ...at(around[2]!, [3, 4, 5])])).toHaveLength(1);
    expect(streamed([...at(pentagon, [0, 1, 2]), ...at(around[4]!, [3, 4, 5])])).toHaveLength(1);
    for (const cell of [cellToParent(HARBIN, 7), cellToChildren(HARBIN, 9)[0]!]) {
      expect(streamed(at(cell, [0, 5, 10, 15, 20, 25]))).toHaveLength(1);
    }
  });

  it('groups whose windows overlap and whose hexagons touch are one incident even without a shared complaint', () => {
    // A: 2 + 2 + 2 along a1-a2-a3, window from 0. B: six in b (next to a3 only), window from 59.
    // The windows overlap, a3 touches b, and no window of ≤ 3 connected hexagons holds six of both.
    const [a1, a2, a3, b] = line(HARBIN, 4);
    const cs = [...at(a1!, [0, 1]), ...at(a2!, [2, 3]), ...at(a3!, [4, 5]), ...at(b!, [59, 70, 71, 72, 73, 74])];
    const [incident, ...rest] = streamed(cs);
    expect(rest).toEqual([]);
    expect(incident!.complaint_count).toBe(12);
    expect(incident!.peak_count).toBe(6);
  });

  it('a complaint hours later in a connecting hexagon does not merge two earlier incidents (regression)', () => {
    // The batch used to take a group's hexagons from all-time occupancy, which no stream can know.
    const [a, , c, e] = line(HARBIN, 4);
    const twoGroups = [...at(a!, [0, 1, 2, 3, 4, 5]), ...at(e!, [10, 11, 12, 13, 14, 15])];
    expect(gridDistance(c!, e!)).toBe(1);
    expect(streamed([...twoGroups, ...at(c!, [500])])).toHaveLength(2);
  });
});

describe('StreamDetector events', () => {
  it('opens an incident with the very push that makes a group qualify, then updates it', () => {
    const detector = new StreamDetector();
    const cs = at(HARBIN, [0, 10, 20, 30, 40, 50, 55]);
    for (const c of cs.slice(0, 5)) expect(detector.push(c)).toEqual([]);
    const [opened, ...none] = incidentEvents(detector.push(cs[5]!));
    expect(none).toEqual([]);
    expect(opened!.type).toBe('opened');
    expect(opened!.incident).toMatchObject({ complaint_count: 6, peak_count: 6, status: 'open', cell_ids: [], hexes: [HARBIN] });
    const [updated] = incidentEvents(detector.push(cs[6]!));
    expect(updated).toMatchObject({ type: 'updated', absorbed: [] });
    expect(updated!.incident.incident_id).toBe(opened!.incident.incident_id);
    expect(updated!.incident.complaint_count).toBe(7);
    expect(opened!.incident.complaint_count).toBe(6);
  });

  it('closes an incident once the watermark is 60 minutes past its last complaint', () => {
    const detector = new StreamDetector();
    const events = detector.pushMany(at(HARBIN, [0, 1, 2, 3, 4, 5]));
    expect(types(events)).toEqual(['opened']);
    const last = T0 + 5 * MIN;
    expect(detector.advanceTo(last + 60 * MIN - 1)).toEqual([]);
    const [closed, ...rest] = incidentEvents(detector.advanceTo(last + 60 * MIN));
    expect(rest).toEqual([]);
    expect(closed).toMatchObject({ type: 'closed', incident: { status: 'closed', complaint_count: 6 } });
    expect(detector.openIncidents()).toEqual([]);
    expect(detector.flush()).toEqual([]);
  });

  it('merges two reported incidents when a late group bridges them, reporting the absorbed id', () => {
    const detector = new StreamDetector({ latenessMs: 60 * MIN });
    const first = incidentEvents(detector.pushMany(at(HARBIN, [0, 1, 2, 3, 4, 5])))[0]!;
    const second = incidentEvents(detector.pushMany(at(HARBIN, [100, 101, 102, 103, 104, 105])))[0]!;
    expect(second.type).toBe('opened');
    const bridge = incidentEvents(detector.pushMany(at(HARBIN, [50, 51, 52, 53, 54, 55])));
    expect(bridge).toHaveLength(1);
    expect(bridge[0]).toMatchObject({ type: 'updated', absorbed: [second.incident.incident_id] });
    expect(bridge[0]!.incident.incident_id).toBe(first.incident.incident_id);
    expect(bridge[0]!.incident.complaint_count).toBe(18);
  });

  it('renames an incident when a late complaint becomes its earliest: opened with the old id absorbed', () => {
    const detector = new StreamDetector({ latenessMs: 10 * MIN });
    const [opened] = incidentEvents(detector.pushMany(at(HARBIN, [10, 11, 12, 13, 14, 15])));
    const [renamed] = incidentEvents(detector.push(at(HARBIN, [9])[0]!));
    expect(renamed).toMatchObject({ type: 'opened', absorbed: [opened!.incident.incident_id] });
    expect(renamed!.incident.start).toBe(new Date(T0 + 9 * MIN).toISOString());
  });

  it('rejects complaints older than watermark − lateness, and duplicates, without holding them', () => {
    const detector = new StreamDetector({ latenessMs: 5 * MIN });
    const [now, onTime, late] = at(HARBIN, [20, 15, 15 - 1 / 60_000]);
    expect(detector.push(now!)).toEqual([]);
    expect(detector.push(onTime!)).toEqual([]);
    expect(detector.push(late!)).toEqual([{ type: 'rejected', reason: 'late', complaint_id: late!.complaint_id, t: late!.t }]);
    expect(detector.push(now!)).toEqual([{ type: 'rejected', reason: 'duplicate', complaint_id: now!.complaint_id, t: now!.t }]);
    expect(detector.stateSize()).toBe(2);
    expect(detector.watermark).toBe(now!.t);
  });

  it('holds only the complaints of the last window + lateness', () => {
    const detector = new StreamDetector({ latenessMs: 5 * MIN });
    detector.pushMany(at(HARBIN, [0, 10, 20, 30]));
    expect(detector.stateSize()).toBe(4);
    detector.advanceTo(T0 + 65 * MIN);
    expect(detector.stateSize()).toBe(3);
    detector.advanceTo(T0 + 95 * MIN);
    expect(detector.stateSize()).toBe(0);
  });

  it('refuses bad options and bad complaints with invalid_parameter', () => {
    expect(() => new StreamDetector({ windowMs: 0 })).toThrow(CellpulseError);
    expect(() => new StreamDetector({ minCount: 2.5 })).toThrow(CellpulseError);
    expect(() => new StreamDetector({ latenessMs: -1 })).toThrow(CellpulseError);
    const detector = new StreamDetector();
    const [c] = at(HARBIN, [0]);
    expect(() => detector.push({ ...c!, h3: 'not-a-cell' })).toThrow(CellpulseError);
    expect(() => detector.push({ ...c!, t: Number.NaN })).toThrow(CellpulseError);
    expect(() => detector.push({ ...c!, category: 'nonsense' as ClusterComplaint['category'] })).toThrow(CellpulseError);
    expect(detector.stateSize()).toBe(0);
  });
});
