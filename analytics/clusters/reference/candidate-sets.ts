import { ringOne } from '../rule.js';

/**
 * The hexagon sets a qualifying group can use, reduced to what matters for counting: their
 * hexagons that hold complaints. Every connected set of at most three hexagons has a middle
 * hexagon next to the other two, so it is contained in "a middle plus two of its neighbours";
 * a middle without complaints only connects (it adds nothing to any count), and a set with
 * fewer members is counted by the larger set that contains it — so enumerating, for every
 * middle, each pair of its occupied neighbours (plus the middle when occupied) yields every
 * maximal occupied member set. Any window's count for a smaller set is at most the larger
 * set's count, and the larger set counts every complaint the smaller one does.
 *
 * @param occupied hexagons that hold complaints (15-char H3 strings).
 * @returns member sets (each sorted, deduplicated) of occupied hexagons, 1 to 3 long.
 */
export function candidateSets(
  occupied: ReadonlySet<string>,
  neighbours: (h: string) => readonly string[] = ringOne,
): string[][] {
  const seen = new Set<string>();
  const sets: string[][] = [];
  const add = (members: string[]): void => {
    const key = members.sort().join(',');
    if (seen.has(key)) return;
    seen.add(key);
    sets.push(members);
  };
  for (const middle of middles(occupied, neighbours)) {
    const around = neighbours(middle).filter((n) => occupied.has(n));
    const self = occupied.has(middle) ? [middle] : [];
    if (around.length < 2) {
      if (self.length > 0) add([...self, ...around]);
      continue;
    }
    for (let i = 0; i < around.length; i += 1) {
      for (let j = i + 1; j < around.length; j += 1) add([...self, around[i]!, around[j]!]);
    }
  }
  return sets;
}

/** Every hexagon that can be a middle: the occupied ones and their neighbours. */
function middles(occupied: ReadonlySet<string>, neighbours: (h: string) => readonly string[]): Set<string> {
  const all = new Set<string>(occupied);
  for (const h of occupied) for (const n of neighbours(h)) all.add(n);
  return all;
}
