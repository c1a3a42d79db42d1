/** A run of qualifying windows over one hexagon set: the complaints they count and the largest count. */
export interface QualifyingRun {
  /** Indices (into the caller's complaint array) of every complaint counted by a window of the run. */
  members: number[];
  /** The largest number of complaints in one window of the run. */
  peak: number;
  /** Start times (epoch ms) of the first and the last qualifying window. */
  firstStart: number;
  lastStart: number;
}

/**
 * Slides a half-open window [t, t + windowMs) over time-sorted complaints and returns the runs
 * of windows holding at least `minCount`. Windows starting at a complaint's time are enough:
 * any window's complaints are all inside the window that starts at its earliest complaint.
 * Overlapping qualifying windows share complaints, so each run is one connected group.
 *
 * @param times epoch ms, ascending.
 * @param ids the caller's index of each complaint, parallel to `times`.
 */
export function scanWindows(times: ArrayLike<number>, ids: ArrayLike<number>, windowMs: number, minCount: number): QualifyingRun[] {
  const runs: QualifyingRun[] = [];
  let current: QualifyingRun | undefined;
  let coveredTo = 0; // members pushed so far for the current run: indices [runFrom, coveredTo)
  let end = 0;
  for (let start = 0; start + minCount <= times.length; start += 1) {
    const limit = times[start]! + windowMs;
    if (end < start) end = start;
    while (end < times.length && times[end]! < limit) end += 1;
    const count = end - start;
    if (count < minCount) continue;
    if (current === undefined || start >= coveredTo) {
      current = { members: [], peak: 0, firstStart: times[start]!, lastStart: times[start]! };
      runs.push(current);
      coveredTo = start;
    }
    for (let i = Math.max(coveredTo, start); i < end; i += 1) current.members.push(ids[i]!);
    coveredTo = end;
    current.peak = Math.max(current.peak, count);
    current.lastStart = times[start]!;
  }
  return runs;
}
