import { areNeighborCells, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../datasets/generator/prng.js';
import { SCENARIO_SHAPES, type ScenarioShape } from '../../../datasets/generator/scenario-shapes.js';

const ROOT = latLngToCell(46.58, 125.0, 8);
const shape = (name: string): ScenarioShape => SCENARIO_SHAPES.find((s) => s.name === name)!;

/** Each shape drawn with many seeds, so a geometry or timing rule that holds only sometimes shows up. */
function draws(
  name: string,
): { hexes: string[]; empty: string[]; offsets: number[]; perHex: number[]; second: number }[] {
  return Array.from({ length: 50 }, (_, seed) => {
    const prng = new Prng(seed);
    const { hexes, empty } = shape(name).layout(ROOT, prng);
    const members = shape(name).members(prng);
    const perHex = hexes.map((_, i) => members.filter((m) => m.hex === i).length);
    return {
      hexes,
      empty,
      offsets: members.map((m) => m.offsetS).sort((a, b) => a - b),
      perHex,
      second: members.filter((m) => m.secondCategory).length,
    };
  });
}

const span = (offsets: number[]): number => offsets.at(-1)! - offsets[0]!;

describe('scenario shapes', () => {
  it('six in one hexagon within 59 minutes', () => {
    for (const d of draws('six_in_one_hex_59m')) {
      expect(d.perHex).toEqual([6]);
      expect(span(d.offsets)).toBeLessThanOrEqual(59 * 60);
    }
  });

  it('seven across a triangle of three mutually neighbouring hexagons', () => {
    for (const {
      hexes: [a, b, c],
      perHex,
      offsets,
    } of draws('seven_in_triangle')) {
      expect([areNeighborCells(a!, b!), areNeighborCells(b!, c!), areNeighborCells(a!, c!)]).toEqual([
        true,
        true,
        true,
      ]);
      expect(perHex).toEqual([3, 2, 2]);
      expect(span(offsets)).toBeLessThan(3600);
    }
  });

  it('3 + 3 at grid distance 2 with an empty hexagon between (a connected set of three)', () => {
    for (const {
      hexes: [a, c],
      empty: [b],
      perHex,
    } of draws('three_plus_three_distance_2')) {
      expect(gridDistance(a!, c!)).toBe(2);
      expect([areNeighborCells(a!, b!), areNeighborCells(b!, c!)]).toEqual([true, true]);
      expect(perHex).toEqual([3, 3]);
    }
  });

  it('bursts spanning exactly 59:59 (in) and 60:00 (out), and 61 minutes (out)', () => {
    expect(new Set(draws('span_59m59s').map((d) => span(d.offsets)))).toEqual(new Set([3599]));
    expect(new Set(draws('near_span_60m00s').map((d) => span(d.offsets)))).toEqual(new Set([3600]));
    expect(new Set(draws('near_six_over_61m').map((d) => span(d.offsets)))).toEqual(new Set([3660]));
  });

  it('near misses: five in an hour, 3 + 3 at distance 3, two categories in one hexagon', () => {
    for (const d of draws('near_five_in_hour')) expect(d.perHex).toEqual([5]);
    for (const {
      hexes: [a, c],
      perHex,
    } of draws('near_three_plus_three_distance_3')) {
      expect(gridDistance(a!, c!)).toBe(3);
      expect(perHex).toEqual([3, 3]);
    }
    for (const d of draws('near_two_categories_3_3')) expect([d.perHex, d.second]).toEqual([[6], 3]);
  });

  it('near miss: 2-1-1-2 along a line of four hexagons whose ends are 3 apart', () => {
    for (const { hexes, perHex } of draws('near_line_2_1_1_2')) {
      expect(hexes).toHaveLength(4);
      expect(hexes.slice(1).every((h, i) => areNeighborCells(hexes[i]!, h))).toBe(true);
      expect(gridDistance(hexes[0]!, hexes[3]!)).toBe(3);
      expect(perHex).toEqual([2, 1, 1, 2]);
    }
  });
});
