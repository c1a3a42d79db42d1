import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import { CATEGORIES, COVERAGE_CATEGORIES, type Category } from '../../domain/enums.js';
import { DEFAULT_MIN_COUNT as GROUP_MIN, DEFAULT_WINDOW_MS as HOUR } from '../clusters/rule.js';

/** The major cluster a new complaint would be in, and how many stored complaints share its best group. */
export interface ClusterAt {
  category: Category;
  /** The incident that already counts some of those complaints, or null when this complaint would open one. */
  incidentId: string | null;
  others: number;
}

interface Near {
  category: Category;
  h3: string;
  t: number;
  incidentId: string | null;
}

/**
 * Would a complaint in hexagon `h3` at `t` (epoch ms) be in a major cluster (SPEC §3), itself counted?
 * A brute force over the connected sets of at most three hexagons holding `h3` and the 60-minute windows
 * holding `t`: for a stored complaint this is exactly its membership, so the front-desk look-up asks it
 * about the caller's complaint before it is written. Without a category, coverage categories are tried first.
 */
export async function clusterAt(
  conn: DuckDBConnection,
  h3: string,
  t: number,
  category: Category | null,
): Promise<ClusterAt | null> {
  const hexes = gridDisk(h3, 2);
  const rows = (
    await conn.runAndReadAll(
      `SELECT c.category, c.h3, epoch_ms(c.received_at) AS t, m.incident_id FROM complaints c
     LEFT JOIN cluster_members m USING (complaint_id)
     WHERE c.received_at > to_timestamp($lo / 1000) AND c.received_at < to_timestamp($hi / 1000)
       AND list_contains($hexes, c.h3)`,
      { lo: t - HOUR, hi: t + HOUR, hexes: listValue(hexes) },
    )
  ).getRowObjectsJS();
  const near: Near[] = rows.map((r) => ({
    category: r.category as Category,
    h3: String(r.h3),
    t: Number(r.t),
    incidentId: r.incident_id === null ? null : String(r.incident_id),
  }));
  const others = CATEGORIES.filter((c) => !COVERAGE_CATEGORIES.includes(c));
  const order = category === null ? [...COVERAGE_CATEGORIES, ...others] : [category];
  for (const c of order) {
    const found = bestGroup(
      near.filter((n) => n.category === c),
      setsHolding(h3),
      t,
    );
    if (found) return { category: c, ...found };
  }
  return null;
}

/** Every connected set of one to three hexagons that holds `h3`. */
function setsHolding(h3: string): Set<string>[] {
  const ring = (h: string): string[] => gridDisk(h, 1).filter((n) => n !== h);
  const sets = new Map<string, Set<string>>();
  const add = (members: string[]): void => void sets.set([...members].sort().join(' '), new Set(members));
  add([h3]);
  for (const a of ring(h3)) {
    add([h3, a]);
    for (const b of [...ring(h3), ...ring(a)]) if (b !== a && b !== h3) add([h3, a, b]);
  }
  return [...sets.values()];
}

/** The fullest qualifying group holding the new complaint: its window starts at the complaint or before it. */
function bestGroup(near: readonly Near[], sets: readonly Set<string>[], t: number): Omit<ClusterAt, 'category'> | null {
  let best: Omit<ClusterAt, 'category'> | null = null;
  for (const set of sets) {
    const inSet = near.filter((n) => set.has(n.h3));
    for (const start of [t, ...inSet.filter((n) => n.t <= t).map((n) => n.t)]) {
      const members = inSet.filter((n) => n.t >= start && n.t < start + HOUR);
      if (members.length + 1 < GROUP_MIN || (best !== null && members.length <= best.others)) continue;
      const incidents = members.flatMap((n) => (n.incidentId === null ? [] : [n.incidentId])).sort();
      best = { incidentId: incidents[0] ?? null, others: members.length };
    }
  }
  return best;
}
