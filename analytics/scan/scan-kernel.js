// The space-time permutation scan's inner loops (Kulldorff et al. 2005), in plain JS so the
// worker threads load them without the TypeScript loader, in the CLI, the server and tests alike.
// Everything is typed arrays prepared once per analysis: no object per zone, window or replicate.

/**
 * Tables that turn the Poisson log-likelihood ratio of an excess (c > μ),
 * c ln(c/μ) + (C − c) ln((C − c)/(C − μ)), into lookups: ln μ = ln N_Z + ln N_W − ln C, and
 * c ln c comes from a table, since c ≤ C. The second term is never positive, so
 * c ln c − c ln μ bounds the LLR from above: a zone-window under the best so far is skipped
 * without a logarithm.
 */
export function logTables(zoneTotals, windowTotals, total) {
  const lnZone = Float64Array.from(zoneTotals, (n) => Math.log(n));
  const lnWindow = Float64Array.from(windowTotals, (n) => Math.log(n) - Math.log(total));
  const xlnx = new Float64Array(total + 1);
  for (let c = 1; c <= total; c += 1) xlnx[c] = c * Math.log(c);
  return { lnZone, lnWindow, xlnx };
}

/** Scratch arrays for one thread, sized for the problem once. */
export function scratchFor(problem) {
  const zones = problem.zoneTotals.length;
  return {
    // Two bytes a count when no count can pass 65535 (fewer cache lines for the scattered adds).
    counts: new (problem.recentClass.length < 65_536 ? Uint16Array : Int32Array)(zones * problem.windows),
    touched: new Int32Array(zones),
    mark: new Uint8Array(zones),
    // The complaints' hexagons, shuffled in place: a swap moves the hexagon itself, so a draw
    // reads one random position instead of a position and then the hexagon it points to.
    perm: (problem.hexZoneStart.length <= 65_536 ? Uint16Array : Int32Array).from(problem.locHex),
    swaps: new Int32Array(problem.recentClass.length),
    hexOfRecent: new Int32Array(problem.recentClass.length),
  };
}

// Adds each recent complaint (hexOfRecent[j], window class recentClass[j]) to every zone holding
// its hexagon; returns how many zones were touched (listed in scratch.touched).
function countZones(problem, hexOfRecent, scratch) {
  const { hexZoneStart, hexZones, recentClass, windows } = problem;
  const { counts, touched, mark } = scratch;
  let n = 0;
  for (let j = 0; j < hexOfRecent.length; j += 1) {
    const h = hexOfRecent[j];
    const k = recentClass[j];
    for (let q = hexZoneStart[h]; q < hexZoneStart[h + 1]; q += 1) {
      const z = hexZones[q];
      if (mark[z] === 0) {
        mark[z] = 1;
        touched[n] = z;
        n += 1;
      }
      counts[z * windows + k] += 1;
    }
  }
  return n;
}

/**
 * The largest LLR over every zone and window for recent complaints placed in `hexOfRecent`;
 * leaves the scratch counts at zero. When `visit` is given it is called with
 * (zone, window, observed, expected, llr) for every zone-window with an excess.
 */
export function maxLlr(problem, hexOfRecent, scratch, visit) {
  const { zoneTotals, windowTotals, total, windows, lnZone, lnWindow, xlnx } = problem;
  const { counts, touched, mark } = scratch;
  const n = countZones(problem, hexOfRecent, scratch);
  let best = 0;
  for (let t = 0; t < n; t += 1) {
    const z = touched[t];
    const nz = zoneTotals[z];
    const lnNz = lnZone[z];
    let c = 0;
    for (let k = 0; k < windows; k += 1) {
      const at = z * windows + k;
      c += counts[at];
      counts[at] = 0;
      const mu = (nz * windowTotals[k]) / total;
      if (!(c > mu)) continue;
      const bound = xlnx[c] - c * (lnNz + lnWindow[k]);
      if (bound <= best && visit === undefined) continue;
      const value = bound + xlnx[total - c] - (total - c) * Math.log(total - mu);
      if (value > best) best = value;
      if (visit !== undefined) visit(z, k, c, mu, value);
    }
    mark[z] = 0;
  }
  return best;
}

/** The observed placement: the hexagon of the complaint that holds each recent time. */
export function observedHexes(problem) {
  return Int32Array.from(problem.recentLoc, (loc) => problem.locHex[loc]);
}

// A 32-bit seed for replicate r of an analysis seeded `seed`: every replicate has its own
// stream, so results do not depend on how replicates are split between threads.
function replicateSeed(seed, r) {
  let h = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(r + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

// One Monte Carlo replicate: the recent times go to a uniformly random set of complaints
// (a partial Fisher-Yates shuffle of the complaints' hexagons, undone afterwards), which is what
// permuting every complaint's time does to the recent windows.
function replicate(problem, scratch, state) {
  const { perm, swaps, hexOfRecent } = scratch;
  const n = perm.length;
  const m = hexOfRecent.length;
  let s = state;
  for (let j = 0; j < m; j += 1) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    const u = ((z ^ (z >>> 16)) >>> 0) / 4294967296;
    const pick = j + Math.floor(u * (n - j));
    swaps[j] = pick;
    const held = perm[j];
    perm[j] = perm[pick];
    perm[pick] = held;
    hexOfRecent[j] = perm[j];
  }
  const best = maxLlr(problem, hexOfRecent, scratch);
  for (let j = m - 1; j >= 0; j -= 1) {
    const held = perm[j];
    perm[j] = perm[swaps[j]];
    perm[swaps[j]] = held;
  }
  return best;
}

/** The maximum LLR of replicates [from, to) of an analysis seeded `seed`. */
export function replicateMaxima(problem, from, to, seed) {
  const scratch = scratchFor(problem);
  const out = new Float64Array(Math.max(0, to - from));
  for (let r = from; r < to; r += 1) out[r - from] = replicate(problem, scratch, replicateSeed(seed, r));
  return out;
}
