import { gridDisk, gridDistance, gridPathCells, gridRing } from 'h3-js';
import type { Prng } from './prng.js';

/**
 * One complaint of a scenario: which of its hexagons, seconds after the start, and whether it takes the second
 * category.
 */
export interface ShapeMember {
  hex: number;
  offsetS: number;
  secondCategory?: boolean;
}

/**
 * A burst pattern injected into the background: its hexagons around a root (`hexes`, plus any
 * hexagon that must stay empty in `empty`) and its complaints. `inCluster` is what SPEC §3 says
 * of every complaint of it.
 */
export interface ScenarioShape {
  name: string;
  inCluster: boolean;
  layout(root: string, prng: Prng): { hexes: string[]; empty: string[] };
  members(prng: Prng): ShapeMember[];
}

const MINUTE = 60;

/** `n` sorted offsets: exactly `first` and `last`, the rest uniform strictly between. */
function spread(n: number, first: number, last: number, prng: Prng): number[] {
  const middle = Array.from({ length: n - 2 }, () => first + 1 + prng.int(last - first - 1));
  return [first, ...middle.sort((a, b) => a - b), last];
}

/** Offsets of `spread`, handed to hexagons by `counts` (hexagon 0 gets the first counts[0], …) in shuffled order. */
function assign(counts: number[], offsets: number[], prng: Prng): ShapeMember[] {
  const hexes = counts.flatMap((c, i) => Array<number>(c).fill(i));
  for (let i = hexes.length - 1; i > 0; i -= 1) {
    const j = prng.int(i + 1);
    [hexes[i], hexes[j]] = [hexes[j]!, hexes[i]!];
  }
  return offsets.map((offsetS, i) => ({ hex: hexes[i]!, offsetS }));
}

function neighbours(hex: string): string[] {
  return gridDisk(hex, 1).filter((h) => h !== hex);
}

const single = (root: string): { hexes: string[]; empty: string[] } => ({ hexes: [root], empty: [] });

/** Two hexagons at exactly `distance` from each other. */
function pairAt(distance: number) {
  return (root: string, prng: Prng): { hexes: string[]; empty: string[] } => ({
    hexes: [root, prng.pick(gridRing(root, distance))],
    empty: [],
  });
}

function triangle(root: string, prng: Prng): { hexes: string[]; empty: string[] } {
  const a = prng.pick(neighbours(root));
  const b = prng.pick(neighbours(root).filter((h) => neighbours(a).includes(h)));
  return { hexes: [root, a, b], empty: [] };
}

/** A and C at grid distance 2, and an empty hexagon B next to both: {A, B, C} is connected. */
function bridge(root: string, prng: Prng): { hexes: string[]; empty: string[] } {
  const b = prng.pick(neighbours(root));
  const c = prng.pick(neighbours(b).filter((h) => gridDistance(root, h) === 2));
  return { hexes: [root, c], empty: [b] };
}

function line(root: string, prng: Prng): { hexes: string[]; empty: string[] } {
  return { hexes: gridPathCells(root, prng.pick(gridRing(root, 3))), empty: [] };
}

/** The positive scenarios (every complaint is in a major cluster) and the near misses (none is). */
export const SCENARIO_SHAPES: readonly ScenarioShape[] = [
  {
    name: 'six_in_one_hex_59m',
    inCluster: true,
    layout: single,
    members: (p) => assign([6], spread(6, 0, 30 * MINUTE + p.int(29 * MINUTE + 1), p), p),
  },
  {
    name: 'seven_in_triangle',
    inCluster: true,
    layout: triangle,
    members: (p) => assign([3, 2, 2], spread(7, 0, 50 * MINUTE, p), p),
  },
  {
    name: 'three_plus_three_distance_2',
    inCluster: true,
    layout: bridge,
    members: (p) => assign([3, 3], spread(6, 0, 45 * MINUTE, p), p),
  },
  {
    name: 'four_plus_two_adjacent',
    inCluster: true,
    layout: pairAt(1),
    members: (p) => assign([4, 2], spread(6, 0, 40 * MINUTE, p), p),
  },
  {
    name: 'span_59m59s',
    inCluster: true,
    layout: single,
    members: (p) => assign([6], spread(6, 0, 59 * MINUTE + 59, p), p),
  },
  {
    name: 'near_five_in_hour',
    inCluster: false,
    layout: single,
    members: (p) => assign([5], spread(5, 0, 50 * MINUTE, p), p),
  },
  {
    name: 'near_six_over_61m',
    inCluster: false,
    layout: single,
    members: (p) => assign([6], spread(6, 0, 61 * MINUTE, p), p),
  },
  {
    name: 'near_three_plus_three_distance_3',
    inCluster: false,
    layout: pairAt(3),
    members: (p) => assign([3, 3], spread(6, 0, 40 * MINUTE, p), p),
  },
  {
    name: 'near_line_2_1_1_2',
    inCluster: false,
    layout: line,
    members: (p) => assign([2, 1, 1, 2], spread(6, 0, 40 * MINUTE, p), p),
  },
  {
    name: 'near_two_categories_3_3',
    inCluster: false,
    layout: single,
    members: (p) =>
      spread(6, 0, 40 * MINUTE, p).map((offsetS, i) => ({ hex: 0, offsetS, secondCategory: i % 2 === 1 })),
  },
  {
    name: 'near_span_60m00s',
    inCluster: false,
    layout: single,
    members: (p) => assign([6], spread(6, 0, 60 * MINUTE, p), p),
  },
];
