/**
 * The candidate sets of `candidateSets` (hex-sets.ts) that contain `origin`, built from origin's
 * neighbourhood only: a set holding origin has origin as its middle, or a neighbour of origin as
 * its middle. So every connected set of at most three hexagons that holds origin has its occupied
 * part inside one of them — what the streaming detector needs when a complaint lands in origin.
 * Runs on most pushes in dense areas, hence plain loops and no closures.
 *
 * @param origin an occupied hexagon.
 * @param weight complaints in a hexagon (in the time range of interest); occupied when > 0.
 *   An upper bound is fine: treating more hexagons as occupied only adds sets.
 * @param ring the hexagons at grid distance exactly 1.
 * @param minWeight sets weighing less are left out (they cannot hold a group).
 * @returns member sets, each holding origin, sorted by `id`, deduplicated.
 */
export function candidateSetsAround<T extends { id: number }>(origin: T, weight: (n: T) => number, ring: (n: T) => readonly T[], minWeight = 0): T[][] {
  const sets: T[][] = [];
  const w0 = weight(origin);
  const around: T[] = [];
  let aroundWeight = 0;
  for (const n of ring(origin)) {
    const w = weight(n);
    if (w === 0) continue;
    around.push(n);
    aroundWeight += w;
  }
  if (around.length < 2 && w0 + aroundWeight >= minWeight) addSet(sets, origin, around[0]);
  for (let i = 0; i < around.length; i += 1) {
    for (let j = i + 1; j < around.length; j += 1) {
      if (w0 + weight(around[i]!) + weight(around[j]!) >= minWeight) addSet(sets, origin, around[i], around[j]);
    }
  }
  for (const middle of ring(origin)) {
    const wm = weight(middle);
    let others = 0;
    for (const other of ring(middle)) {
      const wo = other === origin ? 0 : weight(other);
      if (wo === 0) continue;
      others += 1;
      if (wm + w0 + wo >= minWeight) addSet(sets, origin, other, wm > 0 ? middle : undefined);
    }
    if (others === 0 && wm > 0 && wm + w0 >= minWeight) addSet(sets, origin, middle);
  }
  return sets;
}

/** Adds {a, b?, c?} sorted by id unless `sets` holds it already. */
function addSet<T extends { id: number }>(sets: T[][], a: T, b?: T, c?: T): void {
  const members = [a];
  for (const n of [b, c]) {
    if (n === undefined) continue;
    let k = members.length;
    members.push(n);
    for (; k > 0 && members[k - 1]!.id > n.id; k -= 1) members[k] = members[k - 1]!;
    members[k] = n;
  }
  for (const s of sets) {
    if (s.length === members.length && s[0] === members[0] && s[1] === members[1] && s[2] === members[2]) return;
  }
  sets.push(members);
}
