import { ringOne } from '../clusters/rule.js';

/**
 * Splits hexagons into connected regions under H3 adjacency (grid distance 1), by a
 * breadth-first walk over each hexagon's ring. Each region is sorted; regions come ordered by
 * their first hexagon, so the result does not depend on the input order.
 */
export function connectedRegions(hexes: Iterable<string>): string[][] {
  const remaining = new Set(hexes);
  const regions: string[][] = [];
  for (const start of [...remaining].sort()) {
    if (!remaining.has(start)) continue;
    remaining.delete(start);
    const region = [start];
    for (let i = 0; i < region.length; i += 1) {
      for (const next of ringOne(region[i]!)) {
        if (!remaining.delete(next)) continue;
        region.push(next);
      }
    }
    regions.push(region.sort());
  }
  return regions;
}
