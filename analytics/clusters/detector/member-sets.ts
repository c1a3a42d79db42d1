import { RING, type HexTable } from './hex-table.js';

/**
 * Receives one member set: 1 to 3 occupied hexagon ids, absent ones -1, and the middle it came
 * from (every member is the middle or its neighbour). Sets come middle by middle.
 */
export type MemberSetVisitor = (middle: number, a: number, b: number, c: number) => void;

/**
 * The integer twin of `candidateSets` (reference/candidate-sets.ts): every middle hexagon with each pair of its
 * occupied neighbours (plus itself when occupied), each distinct set once. Duplicates are known
 * in advance instead of keyed: a set of three arises from each member that neighbours the other
 * two (a triangle: all three, a path: its centre only), so a triangle is kept from its smallest
 * id; pairs can arise from several middles and are kept in a set.
 * @param occupied whether hexagon id holds complaints of the category at hand.
 */
export function forEachMemberSet(table: HexTable, occupied: (hex: number) => boolean, visit: MemberSetVisitor): void {
  const { ring } = table;
  const pairs = new Set<number>();
  const around = new Int32Array(RING);
  const pair = (m: number, x: number, y: number): void => {
    const key = x < y ? x * table.size + y : y * table.size + x;
    if (pairs.has(key)) return;
    pairs.add(key);
    visit(m, x, y, -1);
  };
  for (let m = 0; m < table.size; m += 1) {
    let n = 0;
    for (let k = 0; k < RING; k += 1) {
      const h = ring[m * RING + k]!;
      if (h >= 0 && occupied(h)) around[n++] = h;
    }
    const self = occupied(m);
    if (n < 2) {
      if (self && n === 0) visit(m, m, -1, -1);
      else if (self) pair(m, m, around[0]!);
      continue;
    }
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const x = around[i]!;
        const y = around[j]!;
        if (!self) pair(m, x, y);
        else if (!(table.adjacent(x, y) && (x < m || y < m))) visit(m, m, x, y);
      }
    }
  }
}
