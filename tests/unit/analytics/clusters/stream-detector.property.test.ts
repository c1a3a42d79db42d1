import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gridDisk, gridDistance } from 'h3-js';
import { candidateSetsAround } from '../../../../analytics/clusters/candidate-sets-around.js';
import { detectClusters } from '../../../../analytics/clusters/batch-detector.js';
import { candidateSets, ringOne } from '../../../../analytics/clusters/hex-sets.js';
import { sweepClusters } from '../../../../analytics/clusters/sweep-detector.js';
import { CATEGORIES } from '../../../../domain/enums.js';
import type { ClusterComplaint } from '../../../../domain/incident.js';
import { at, HARBIN, line, MIN } from './cluster-fixtures.js';
import { batchIncidents, inTimeOrder, replay, sortById } from './stream-detector-replay.js';

const WINDOW = 60 * MIN;
/** Two rings beyond a group's reach, so incidents can touch, chain and stay apart. */
const DISK = gridDisk(HARBIN, 3);
const complaintSpec = fc.record({
  hex: fc.integer({ min: 0, max: DISK.length - 1 }),
  minute: fc.integer({ min: 0, max: 150 }),
  category: fc.constantFrom(CATEGORIES[0], CATEGORIES[2]),
});
/** Up to 110 complaints in 37 hexagons over 2.5 hours: dense enough for chains and merges. */
const complaintsArb = fc
  .array(complaintSpec, { maxLength: 110, size: 'max' })
  .map((specs) => specs.flatMap((s) => at(DISK[s.hex]!, [s.minute], s.category)));

/** Delays each complaint by up to `lateness`, so none arrives behind watermark − lateness. */
const shuffledWithin = (cs: readonly ClusterComplaint[], lateness: number, delays: readonly number[]): ClusterComplaint[] =>
  cs
    .map((c, i) => ({ c, arrives: c.t + (delays[i % delays.length] ?? 0) * lateness }))
    .sort((a, b) => a.arrives - b.arrives)
    .map((x) => x.c);

describe('StreamDetector against detectClusters (fast-check)', () => {
  it('in time order, reports exactly the batch incidents (ids, complaints, every field)', () => {
    fc.assert(
      fc.property(complaintsArb, (cs) => {
        const { incidents, events } = replay(inTimeOrder(cs));
        expect(sortById(incidents.values())).toEqual(batchIncidents(cs));
        expect(events.some((e) => e.type === 'rejected')).toBe(false);
      }),
      { numRuns: 120 },
    );
  });

  it('as a batch sweep (any input order), finds exactly the enumeration\'s incidents and flags', () => {
    fc.assert(
      fc.property(complaintsArb, fc.integer(), (cs, seed) => {
        const shuffled = [...cs].sort((a, b) => ((a.t * 31 + seed) % 7) - ((b.t * 31 + seed) % 7));
        const swept = sweepClusters(shuffled);
        const enumerated = detectClusters(cs);
        expect(sortById(swept.incidents)).toEqual(sortById(enumerated.incidents));
        expect([...swept.flagged].sort()).toEqual([...enumerated.flagged].sort());
      }),
      { numRuns: 120 },
    );
  });

  it('out of order within the lateness, reports exactly the batch incidents', () => {
    const lateness = fc.constantFrom(0, 5 * MIN, 30 * MIN, 90 * MIN);
    const delays = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(complaintsArb, lateness, delays, (cs, latenessMs, d) => {
        const { incidents, events } = replay(shuffledWithin(cs, latenessMs, d), { latenessMs });
        expect(events.some((e) => e.type === 'rejected')).toBe(false);
        expect(sortById(incidents.values())).toEqual(batchIncidents(cs));
      }),
      { numRuns: 120 },
    );
  });

  it('holds exactly the complaints of the last window + lateness', () => {
    fc.assert(
      fc.property(complaintsArb, fc.constantFrom(0, 10 * MIN), (cs, latenessMs) => {
        const arrivals = shuffledWithin(cs, latenessMs, [0.3, 0.9, 0, 0.5]);
        const { sizes } = replay(arrivals, { latenessMs });
        let watermark = -Infinity;
        arrivals.forEach((c, i) => {
          watermark = Math.max(watermark, c.t);
          const recent = arrivals.slice(0, i + 1).filter((x) => x.t > watermark - WINDOW - latenessMs).length;
          expect(sizes[i]).toBe(recent);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('the SPEC §3 merge rule, written naively', () => {
  const lineOfSix = line(HARBIN, 6);
  /** A line with two side cells: chains of groups that touch, bridge and stay apart are common there. */
  const strip = [...lineOfSix, ...gridDisk(lineOfSix[2]!, 1).filter((h) => !lineOfSix.includes(h)).slice(0, 2)];
  const pool = (hexes: readonly string[], maxLength: number, minutes: number): fc.Arbitrary<ClusterComplaint[]> =>
    fc
      .array(fc.record({ hex: fc.integer({ min: 0, max: hexes.length - 1 }), minute: fc.integer({ min: 0, max: minutes }) }), { maxLength, size: 'max' })
      .map((specs) => specs.flatMap((s) => at(hexes[s.hex]!, [s.minute])));

  it('detectClusters (and so the stream) finds the incidents of a brute-force enumeration', () => {
    fc.assert(
      fc.property(fc.oneof(pool(gridDisk(HARBIN, 2), 36, 150), pool(strip, 60, 240)), (cs) => {
        const batch = detectClusters(cs).incidents.map((i) => i.complaint_ids.join(','));
        expect(batch.sort()).toEqual(naiveIncidents(cs).sort());
      }),
      { numRuns: 80 },
    );
  });
});

describe('candidateSetsAround', () => {
  it('is candidateSets restricted to the sets holding the origin', () => {
    const disk = gridDisk(HARBIN, 3);
    const node = new Map(disk.map((h, id) => [h, { id, h }]));
    type N = { id: number; h: string };
    const ring = (n: N): N[] => ringOne(n.h).map((h) => node.get(h) ?? { id: -1, h });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 36 }), { minLength: 1, maxLength: 20, size: 'max' }), (picked) => {
        const occupied = new Set(picked.map((i) => disk[i]!));
        const origin = node.get(disk[picked[0]!]!)!;
        const around = candidateSetsAround(origin, (n) => (occupied.has(n.h) ? 1 : 0), ring).map((s) => s.map((n) => n.h).sort().join());
        const all = candidateSets(occupied).filter((s) => s.includes(origin.h)).map((s) => [...s].sort().join());
        expect(new Set(around)).toEqual(new Set(all));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * SPEC §3 with no cleverness: every set of occupied hexagons that fits in a connected set of at
 * most three (one; two at grid distance ≤ 2; three connected), every window starting at a
 * complaint; complaints of a qualifying window are one incident, and two qualifying windows
 * whose starts are less than an hour apart and whose counted hexagons touch are one incident.
 */
function naiveIncidents(cs: readonly ClusterComplaint[]): string[] {
  const hexes = [...new Set(cs.map((c) => c.h3))];
  const near = (a: string, b: string, d: number): boolean => gridDistance(a, b) <= d;
  const sets: string[][] = hexes.map((h) => [h]);
  hexes.forEach((a, i) =>
    hexes.slice(i + 1).forEach((b, j) => {
      if (near(a, b, 2)) sets.push([a, b]);
      for (const c of hexes.slice(i + j + 2)) {
        const edges = [near(a, b, 1), near(a, c, 1), near(b, c, 1)].filter(Boolean).length;
        if (edges >= 2) sets.push([a, b, c]);
      }
    }),
  );
  const windows: { start: number; members: ClusterComplaint[]; hexes: string[] }[] = [];
  for (const set of sets) {
    for (const s of cs.filter((c) => set.includes(c.h3))) {
      const members = cs.filter((c) => set.includes(c.h3) && c.t >= s.t && c.t < s.t + WINDOW);
      if (members.length >= 6) windows.push({ start: s.t, members, hexes: [...new Set(members.map((m) => m.h3))] });
    }
  }
  const parent = new Map(cs.map((c) => [c.complaint_id, c.complaint_id]));
  const find = (id: string): string => (parent.get(id) === id ? id : find(parent.get(id)!));
  const union = (a: string, b: string): void => void parent.set(find(a), find(b));
  for (const w of windows) for (const m of w.members) union(m.complaint_id, w.members[0]!.complaint_id);
  for (const a of windows) {
    for (const b of windows) {
      const touch = a.hexes.some((x) => b.hexes.some((y) => near(x, y, 1)));
      if (Math.abs(a.start - b.start) < WINDOW && touch) union(a.members[0]!.complaint_id, b.members[0]!.complaint_id);
    }
  }
  const flagged = new Set(windows.flatMap((w) => w.members.map((m) => m.complaint_id)));
  const groups = new Map<string, string[]>();
  for (const id of [...flagged].sort()) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()].map((g) => g.join(','));
}
