import type { TechnologyMix } from '../../domain/coverage.js';
import { TECHNOLOGIES, type Technology } from '../../domain/enums.js';

export type { TechnologyMix } from '../../domain/coverage.js';

/** DuckDB's `map_entries(histogram(technology))` as the store decodes it. */
export type MixEntries = { key: string; value: number }[];

/** The mix from DuckDB's `map_entries(histogram(technology))`, keys in SPEC order (GSM first). */
export function technologyMix(entries: MixEntries): TechnologyMix {
  const counts = new Map(entries.map(({ key, value }) => [key, value]));
  return inOrder((technology) => counts.get(technology));
}

/** The sum of several mixes. */
export function addMixes(mixes: readonly TechnologyMix[]): TechnologyMix {
  return inOrder((technology) =>
    mixes.some((m) => m[technology] !== undefined)
      ? mixes.reduce((sum, m) => sum + (m[technology] ?? 0), 0)
      : undefined,
  );
}

function inOrder(count: (technology: Technology) => number | undefined): TechnologyMix {
  const mix: TechnologyMix = {};
  for (const technology of TECHNOLOGIES) {
    const n = count(technology);
    if (n !== undefined) mix[technology] = n;
  }
  return mix;
}

/**
 * The technology with the most complaints; a tie goes to the newer technology, the one an
 * operator would build for today.
 */
export function dominantTechnology(mix: TechnologyMix): Technology {
  let best: Technology = TECHNOLOGIES[TECHNOLOGIES.length - 1]!;
  let bestCount = -1;
  for (const technology of TECHNOLOGIES) {
    const count = mix[technology] ?? 0;
    if (count >= bestCount) {
      best = technology;
      bestCount = count;
    }
  }
  return best;
}
