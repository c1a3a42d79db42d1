import { describe, expect, it } from 'vitest';
import { Prng, WeightedTable } from '../../../datasets/generator/prng.js';

const draws = (prng: Prng, n: number): number[] => Array.from({ length: n }, () => prng.next());

describe('Prng', () => {
  it('repeats its sequence for a seed, and differs between seeds and named streams', () => {
    expect(draws(new Prng(42), 100)).toEqual(draws(new Prng(42), 100));
    expect(draws(new Prng(42), 100)).not.toEqual(draws(new Prng(43), 100));
    expect(draws(Prng.stream(42, 'sites'), 100)).toEqual(draws(Prng.stream(42, 'sites'), 100));
    expect(draws(Prng.stream(42, 'sites'), 100)).not.toEqual(draws(Prng.stream(42, 'events'), 100));
  });

  it('pins the first values of seed 42, so a change to the generator core (and so to every data set) is caught', () => {
    const prng = new Prng(42);
    expect([prng.nextUint32(), prng.nextUint32(), prng.nextUint32()]).toEqual([1028872839, 2516511472, 400437680]);
  });

  it('draws uniform values in [0, 1) and standard normals', () => {
    const prng = new Prng(1);
    const u = draws(prng, 20_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((a, b) => a + b, 0) / u.length).toBeCloseTo(0.5, 1);
    const z = Array.from({ length: 20_000 }, () => prng.normal());
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('picks by weight, with the object form and the prepared table alike', () => {
    const prng = new Prng(9);
    const table = new WeightedTable<'a' | 'b' | 'c'>(['a', 'b', 'c'], [1, 3, 0]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i += 1) counts[table.draw(prng)] += 1;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    const weighted = { x: 0, y: 0 };
    for (let i = 0; i < 10_000; i += 1) weighted[prng.weighted({ x: 0.9, y: 0.1 })] += 1;
    expect(weighted.x / 10_000).toBeCloseTo(0.9, 1);
  });
});
