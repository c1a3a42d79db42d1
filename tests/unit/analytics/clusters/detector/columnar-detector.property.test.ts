import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPentagons, gridDisk } from 'h3-js';
import { detectClusters } from '../../../../../analytics/clusters/reference/enumeration-detector.js';
import {
  columnarClusters,
  describeFound,
  findIncidents,
} from '../../../../../analytics/clusters/detector/columnar-detector.js';
import { complaintColumnsOf } from '../../../../../analytics/clusters/detector/complaint-columns.js';
import { CATEGORIES } from '../../../../../domain/enums.js';
import { at, HARBIN, MIN } from '../cluster-fixtures.js';

/** Complaints over `disk` within `minutes`, with ties (whole minutes) and three categories. */
const complaintsOver = (disk: readonly string[], minutes: number, maxLength: number) =>
  fc
    .array(
      fc.record({
        hex: fc.integer({ min: 0, max: disk.length - 1 }),
        minute: fc.integer({ min: 0, max: minutes }),
        category: fc.constantFrom(CATEGORIES[0], CATEGORIES[2], CATEGORIES[6]),
      }),
      { maxLength, size: 'max' },
    )
    .map((specs) => specs.flatMap((s) => at(disk[s.hex]!, [s.minute], s.category)));

describe('findIncidents against the enumeration (fast-check)', () => {
  it('finds exactly its incidents, every field, on dense chains and merges', () => {
    fc.assert(
      fc.property(complaintsOver(gridDisk(HARBIN, 3), 150, 140), fc.integer(), (cs, seed) => {
        const shuffled = [...cs].sort((a, b) => ((a.t * 31 + seed) % 7) - ((b.t * 31 + seed) % 7));
        const columnar = columnarClusters(shuffled);
        const enumerated = detectClusters(cs);
        expect(sortById(columnar.incidents)).toEqual(sortById(enumerated.incidents));
        expect([...columnar.flagged].sort()).toEqual([...enumerated.flagged].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('agrees on bursts spread over days (separate and merged busy spans)', () => {
    const disk = gridDisk(HARBIN, 2);
    const burst = fc.record({
      day: fc.integer({ min: 0, max: 4 }),
      hour: fc.integer({ min: 0, max: 23 }),
      cs: complaintsOver(disk, 80, 30),
    });
    fc.assert(
      fc.property(fc.array(burst, { maxLength: 8 }), (bursts) => {
        const cs = bursts.flatMap((b) => b.cs.map((c) => ({ ...c, t: c.t + (b.day * 24 + b.hour) * 60 * MIN })));
        expect(sortById(columnarClusters(cs).incidents)).toEqual(sortById(detectClusters(cs).incidents));
      }),
      { numRuns: 80 },
    );
  });

  it('agrees around a pentagon (five neighbours) over a day with sparse and dense hours', () => {
    const disk = gridDisk(getPentagons(8)[3]!, 2);
    fc.assert(
      fc.property(complaintsOver(disk, 24 * 60, 200), (cs) => {
        expect(sortById(columnarClusters(cs).incidents)).toEqual(sortById(detectClusters(cs).incidents));
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with other windows and counts', () => {
    fc.assert(
      fc.property(
        complaintsOver(gridDisk(HARBIN, 2), 90, 60),
        fc.integer({ min: 2, max: 8 }),
        fc.constantFrom(10, 30, 45),
        (cs, minCount, minutes) => {
          const options = { minCount, windowMs: minutes * MIN };
          expect(sortById(describeFound(findIncidents(complaintColumnsOf(cs), options), (row) => cs[row]!))).toEqual(
            sortById(detectClusters(cs, options).incidents),
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('finds nothing in nothing, and nothing in five complaints', () => {
    expect(columnarClusters([]).incidents).toEqual([]);
    expect(columnarClusters(at(HARBIN, [0, 1, 2, 3, 4])).incidents).toEqual([]);
  });
});

function sortById<T extends { incident_id: string }>(incidents: Iterable<T>): T[] {
  return [...incidents].sort((a, b) => (a.incident_id < b.incident_id ? -1 : 1));
}
