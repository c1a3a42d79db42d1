import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { gridDisk, latLngToCell } from 'h3-js';
import { afterAll, describe, expect, it } from 'vitest';
import { excessZoneWindows, spaceTimeScan } from '../../../../analytics/scan/space-time-scan.js';
import { ScanWorkers } from '../../../../analytics/scan/scan-workers.js';
import type { ScanInput } from '../../../../analytics/scan/scan-problem.js';

const HOUR = 3_600_000;
const AT = Date.UTC(2026, 9, 20, 12);
const BASE = latLngToCell(45.75, 126.63, 8);
/** A small neighbourhood: the base hexagon, its ring and part of the next ring. */
const PLACES = gridDisk(BASE, 2).sort().slice(0, 10);
const WINDOWS = [1, 2, 3, 6, 12, 24];

interface Point {
  h3: string;
  t: number;
}

function inputOf(points: readonly Point[]): ScanInput {
  const hexes = [...new Set(points.map((p) => p.h3))].sort();
  return {
    hexes,
    hex: Int32Array.from(points, (p) => hexes.indexOf(p.h3)),
    t: Float64Array.from(points, (p) => p.t),
    at: AT,
  };
}

/** SPEC §11 read literally, one loop per quantity, sharing nothing with the implementation. */
function bruteForce(points: readonly Point[]): Map<string, { observed: number; expected: number; llr: number }> {
  const total = points.length;
  const centres = [...new Set(points.map((p) => p.h3))];
  const zones = new Map<string, string[]>();
  for (const c of centres) {
    zones.set([c].join(','), [c]);
    const disk = gridDisk(c, 1).sort();
    zones.set(disk.join(','), disk);
  }
  const out = new Map<string, { observed: number; expected: number; llr: number }>();
  for (const [key, zone] of zones) {
    for (const w of WINDOWS) {
      const inWindow = (p: Point): boolean => p.t > AT - w * HOUR && p.t <= AT;
      const nz = points.filter((p) => zone.includes(p.h3)).length;
      const nw = points.filter(inWindow).length;
      const c = points.filter((p) => zone.includes(p.h3) && inWindow(p)).length;
      const mu = (nz * nw) / total;
      if (c <= mu) continue;
      const llr = c * Math.log(c / mu) + (total - c === 0 ? 0 : (total - c) * Math.log((total - c) / (total - mu)));
      out.set(`${key}|${w}`, { observed: c, expected: mu, llr });
    }
  }
  return out;
}

// Field 19 of a task's stat line is its nice value; the fields after the command name start at field 3.
function niceOf(tid: string): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

const point = fc.record({
  h3: fc.constantFrom(...PLACES),
  // Mostly inside the last day so windows fill, some spread over the baseline.
  t: fc.oneof(
    fc.integer({ min: 1, max: 24 * 60 }).map((m) => AT - m * 60_000 + 1),
    fc.integer({ min: 1, max: 28 * 24 }).map((h) => AT - h * HOUR - 30 * 60_000),
  ),
});

describe('space-time permutation scan statistic', () => {
  const workers = ScanWorkers.create(2);
  afterAll(() => workers.close());

  it('finds every zone-window with an excess, with the expected count and LLR of a brute-force loop', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), (points) => {
        const expected = bruteForce(points);
        const got = new Map(
          excessZoneWindows(inputOf(points)).map((z) => [`${z.hexes.join(',')}|${z.window_hours}`, z]),
        );
        expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, want] of expected) {
          const z = got.get(key)!;
          expect(z.observed).toBe(want.observed);
          expect(z.expected).toBeCloseTo(want.expected, 9);
          expect(z.llr).toBeCloseTo(want.llr, 9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same p-values whatever the number of worker threads', async () => {
    const points = fc.sample(fc.array(point, { minLength: 30, maxLength: 60 }), { numRuns: 1, seed: 7 })[0]!;
    const options = { replicates: 199, seed: 11, analysesPerDay: 24, maxP: 1, limit: 20 };
    const inline = ScanWorkers.create(0);
    const a = await spaceTimeScan(inputOf(points), [], { ...options, workers: inline });
    const b = await spaceTimeScan(inputOf(points), [], { ...options, workers });
    expect(b).toEqual(a);
    expect(a.clusters.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync('/proc/self/task'))(
    'runs the replicates on low-priority threads, the caller keeps its own',
    async () => {
      const points = fc.sample(fc.array(point, { minLength: 30, maxLength: 60 }), { numRuns: 1, seed: 3 })[0]!;
      await spaceTimeScan(inputOf(points), [], {
        replicates: 99,
        seed: 5,
        analysesPerDay: 24,
        maxP: 1,
        limit: 5,
        workers,
      });
      const nice = readdirSync('/proc/self/task').map(niceOf);
      expect(nice.filter((n) => n === 19).length).toBeGreaterThanOrEqual(2);
      expect(niceOf(String(process.pid))).toBe(0);
    },
  );

  it.skipIf(!existsSync('/proc/self/task'))(
    'runs the replicates of a command run by hand (foreground) at normal priority',
    async () => {
      const points = fc.sample(fc.array(point, { minLength: 30, maxLength: 60 }), { numRuns: 1, seed: 3 })[0]!;
      const before = new Set(readdirSync('/proc/self/task'));
      const foreground = ScanWorkers.create(2, 'foreground');
      try {
        const options = { replicates: 99, seed: 5, analysesPerDay: 24, maxP: 1, limit: 5 };
        await spaceTimeScan(inputOf(points), [], { ...options, workers: foreground });
        const started = readdirSync('/proc/self/task').filter((tid) => !before.has(tid));
        expect(started.length).toBeGreaterThanOrEqual(2);
        expect(started.map(niceOf).filter((n) => n !== 0)).toEqual([]);
      } finally {
        await foreground.close();
      }
    },
  );
});
