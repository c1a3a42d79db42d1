/** A run of qualifying windows over one hexagon set: the complaints they count and the largest count. */
export interface QualifyingRun {
  /** Indices (into the caller's complaint array) of every complaint counted by a window of the run. */
  members: number[];
  /** The largest number of complaints in one window of the run. */
  peak: number;
  /** Start times (epoch ms) of the first and the last qualifying window. */
  firstStart: number;
  lastStart: number;
  /** The member hexagons (bit k = the caller's slot k) whose complaints the run's windows count; the same in each. */
  mask: number;
}

/**
 * Slides a half-open window [t, t + windowMs) over time-sorted complaints and returns the runs
 * of windows holding at least `minCount`. Windows starting at a complaint's time are enough:
 * any window's complaints are all inside the window that starts at its earliest complaint.
 * Overlapping qualifying windows share complaints, so each run is one connected group.
 * A run also ends where the set of member hexagons its window counts changes (`slots`), so a
 * group's hexagons are those of its own window, never a hexagon occupied only at other times —
 * which keeps incident merging local in time (what lets a write re-detect only its neighbourhood).
 *
 * @param times epoch ms, ascending.
 * @param ids the caller's index of each complaint, parallel to `times`.
 * @param slots which member hexagon (0..30) each complaint is in, parallel to `times`; all 0 when omitted.
 */
export function scanWindows(
  times: ArrayLike<number>,
  ids: ArrayLike<number>,
  windowMs: number,
  minCount: number,
  slots?: ArrayLike<number>,
): QualifyingRun[] {
  const runs: QualifyingRun[] = [];
  const inWindow: number[] = [];
  const slotOf = (i: number): number => (slots ? slots[i]! : 0);
  let current: QualifyingRun | undefined;
  let coveredTo = 0; // members pushed so far for the current run: indices [runFrom, coveredTo)
  let end = 0;
  for (let start = 0; start + minCount <= times.length; start += 1) {
    const limit = times[start]! + windowMs;
    for (; end < times.length && times[end]! < limit; end += 1)
      inWindow[slotOf(end)] = (inWindow[slotOf(end)] ?? 0) + 1;
    // A start tied in time with the previous one counts a subset of that window: nothing new.
    const tied = start > 0 && times[start - 1] === times[start];
    if (!tied && end - start >= minCount) {
      const mask = maskOf(inWindow);
      if (current === undefined || start >= coveredTo || mask !== current.mask) {
        current = { members: [], peak: 0, firstStart: times[start]!, lastStart: times[start]!, mask };
        runs.push(current);
        coveredTo = start;
      }
      for (let i = Math.max(coveredTo, start); i < end; i += 1) current.members.push(ids[i]!);
      coveredTo = end;
      current.peak = Math.max(current.peak, end - start);
      current.lastStart = times[start]!;
    }
    inWindow[slotOf(start)]! -= 1;
  }
  return runs;
}

function maskOf(inWindow: readonly number[]): number {
  let mask = 0;
  inWindow.forEach((n, slot) => {
    if (n > 0) mask |= 1 << slot;
  });
  return mask;
}
