import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  areNeighborCells,
  cellToChildren,
  cellToLatLng,
  cellToParent,
  getPentagons,
  gridDisk,
  gridDistance,
  latLngToCell,
} from 'h3-js';
import * as enumeration from '../../../../../analytics/clusters/reference/enumeration-detector.js';
import { columnarClusters } from '../../../../../analytics/clusters/detector/columnar-detector.js';
import { naiveFlagged } from '../../../../../analytics/clusters/reference/brute-force.js';
import type { Detection } from '../../../../../analytics/clusters/rule.js';
import { at, HARBIN, line } from '../cluster-fixtures.js';
import type { ClusterComplaint } from '../../../../../domain/incident.js';
import { CATEGORIES } from '../../../../../domain/enums.js';

const neighbour = (h: string): string => gridDisk(h, 1).find((n) => n !== h)!;
const ids = (cs: ClusterComplaint[]): string[] => cs.map((c) => c.complaint_id).sort();

const DETECTORS: [string, (cs: readonly ClusterComplaint[]) => Detection][] = [
  ['the enumeration', enumeration.detectClusters],
  ['the columnar detector', columnarClusters],
];

describe.each(DETECTORS)('%s at the boundaries of SPEC §3', (_name, detectClusters) => {
  it('five complaints in an hour do not fire, six do', () => {
    expect(detectClusters(at(HARBIN, [0, 10, 20, 30, 40])).flagged.size).toBe(0);
    const six = at(HARBIN, [0, 10, 20, 30, 40, 50]);
    const { flagged, incidents } = detectClusters(six);
    expect([...flagged].sort()).toEqual(ids(six));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.peak_count).toBe(6);
  });

  it('the window is half-open: 59:59 apart fires, 60:00 apart does not', () => {
    const near = at(HARBIN, [0, 10, 20, 30, 40, 59 + 59 / 60]);
    expect(detectClusters(near).flagged.size).toBe(6);
    const far = at(HARBIN, [0, 10, 20, 30, 40, 60]);
    expect(detectClusters(far).flagged.size).toBe(0);
  });

  it('3 + 3 in two neighbouring hexagons fires', () => {
    const b = neighbour(HARBIN);
    expect(detectClusters([...at(HARBIN, [0, 1, 2]), ...at(b, [3, 4, 5])]).flagged.size).toBe(6);
  });

  it('3 + 3 at grid distance 2 fires through the empty hexagon between them', () => {
    const [a, , c] = line(HARBIN, 3);
    expect(gridDistance(a!, c!)).toBe(2);
    expect(detectClusters([...at(a!, [0, 1, 2]), ...at(c!, [3, 4, 5])]).flagged.size).toBe(6);
  });

  it('3 + 3 at grid distance 3 never fires', () => {
    const cells = line(HARBIN, 4);
    expect(gridDistance(cells[0]!, cells[3]!)).toBe(3);
    expect(detectClusters([...at(cells[0]!, [0, 1, 2]), ...at(cells[3]!, [3, 4, 5])]).flagged.size).toBe(0);
  });

  it('2-1-1-2 along a line of four hexagons does not fire', () => {
    const [a, b, c, d] = line(HARBIN, 4);
    const cs = [...at(a!, [0, 1]), ...at(b!, [2]), ...at(c!, [3]), ...at(d!, [4, 5])];
    expect(detectClusters(cs).flagged.size).toBe(0);
  });

  it('a triangle of three mutually neighbouring hexagons fires as one group', () => {
    const b = neighbour(HARBIN);
    const c = gridDisk(HARBIN, 1).find((n) => n !== HARBIN && n !== b && areNeighborCells(n, b))!;
    const cs = [...at(HARBIN, [0, 1]), ...at(b, [2, 3]), ...at(c, [4, 5])];
    const { incidents } = detectClusters(cs);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.hexes).toHaveLength(3);
  });

  it('3 + 3 of two categories does not fire', () => {
    const cs = [...at(HARBIN, [0, 1, 2], 'call_drop'), ...at(HARBIN, [3, 4, 5], 'no_signal')];
    expect(detectClusters(cs).flagged.size).toBe(0);
  });

  it('works at other resolutions (7 and 9)', () => {
    for (const res of [7, 9]) {
      const cell = res < 8 ? cellToParent(HARBIN, res) : cellToChildren(HARBIN, res)[0]!;
      expect(detectClusters(at(cell, [0, 5, 10, 15, 20, 25])).flagged.size).toBe(6);
      expect(detectClusters(at(cell, [0, 5, 10, 15, 20])).flagged.size).toBe(0);
    }
  });

  it('works across the antimeridian', () => {
    const east = latLngToCell(0, 179.999, 8);
    const west = gridDisk(east, 1).find((n) => cellToLatLng(n)[1] < 0);
    expect(west).toBeDefined();
    expect(detectClusters([...at(east, [0, 1, 2]), ...at(west!, [3, 4, 5])]).flagged.size).toBe(6);
  });

  it('works around a pentagon, which has five neighbours', () => {
    const pentagon = getPentagons(8)[0]!;
    const around = gridDisk(pentagon, 1).filter((n) => n !== pentagon);
    expect(around).toHaveLength(5);
    expect(detectClusters([...at(around[0]!, [0, 1, 2]), ...at(around[2]!, [3, 4, 5])]).flagged.size).toBe(6);
  });

  it('gives the same incident ids on a re-run and in any input order', () => {
    const cs = [...at(HARBIN, [0, 10, 20, 30, 40, 50]), ...at(neighbour(HARBIN), [15, 25])];
    const once = detectClusters(cs).incidents.map((i) => i.incident_id);
    const reversed = detectClusters([...cs].reverse()).incidents.map((i) => i.incident_id);
    expect(reversed).toEqual(once);
  });
});

describe.each(DETECTORS)('%s against a naive enumeration of SPEC §3', (_name, detectClusters) => {
  const disk = gridDisk(HARBIN, 2);
  const complaint = fc.record({
    hex: fc.integer({ min: 0, max: disk.length - 1 }),
    minute: fc.integer({ min: 0, max: 180 }),
    category: fc.constantFrom(CATEGORIES[0], CATEGORIES[2]),
  });

  it('flags exactly the complaints the naive rule flags', () => {
    fc.assert(
      fc.property(fc.array(complaint, { minLength: 0, maxLength: 24, size: 'max' }), (spec) => {
        const cs = spec.flatMap((s) => at(disk[s.hex]!, [s.minute], s.category));
        expect([...detectClusters(cs).flagged].sort()).toEqual([...naiveFlagged(cs)].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('puts every flagged complaint in exactly one incident', () => {
    fc.assert(
      fc.property(fc.array(complaint, { minLength: 6, maxLength: 30, size: 'max' }), (spec) => {
        const cs = spec.flatMap((s) => at(disk[s.hex]!, [s.minute], s.category));
        const { flagged, incidents } = detectClusters(cs);
        const all = incidents.flatMap((i) => i.complaint_ids);
        expect(all.length).toBe(flagged.size);
        expect(new Set(all).size).toBe(flagged.size);
        expect(incidents.every((i) => i.complaint_count >= 6 && i.peak_count >= 6)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
