import type { CaseOutcome } from './child-case.js';
import type { Measured } from './case-types.js';
import { formatDuration, median, medianRecord } from './stats.js';

/** The medians of one side's repeats, or why it has none. */
export interface Summary {
  status: 'ok' | 'timeout' | 'error';
  /** Median duration, ms. */
  ms?: number;
  /** Median peak RSS of the measuring process, MB. */
  rssMb?: number;
  /** Key-wise medians of what the runs measured (rows, stage times...). */
  measured?: Record<string, unknown>;
  /** Every run's duration, ms, in run order. */
  runsMs: number[];
  message?: string;
}

export interface Side {
  label: string;
  run: () => Promise<CaseOutcome>;
}

/**
 * Runs the sides in turn, A, B, A, B..., `repeats` times each, so that a noisy neighbour on the
 * machine slows both alike; a side that times out or fails is not retried in later rounds.
 */
export async function interleave(
  repeats: number,
  sides: readonly Side[],
  log: (line: string) => void,
): Promise<Summary[]> {
  const outcomes: CaseOutcome[][] = sides.map(() => []);
  for (let round = 0; round < repeats; round += 1) {
    for (const [i, side] of sides.entries()) {
      if (outcomes[i]!.some((o) => o.status !== 'ok')) continue;
      const outcome = await side.run();
      outcomes[i]!.push(outcome);
      log(`${side.label} ${round + 1}/${repeats}: ${describe(outcome)}`);
    }
  }
  return outcomes.map(summarise);
}

function describe(outcome: CaseOutcome): string {
  if (outcome.status !== 'ok') return `${outcome.status} (${outcome.message ?? ''})`;
  return `${formatDuration(outcome.measured?.ms)}, peak RSS ${outcome.rssMb?.toFixed(0)} MB`;
}

/** Medians of the successful runs; a timeout or error in any run marks the whole side. */
export function summarise(outcomes: readonly CaseOutcome[]): Summary {
  const failed = outcomes.find((o) => o.status !== 'ok');
  const ok = outcomes.filter(
    (o): o is CaseOutcome & { measured: Measured } => o.status === 'ok' && o.measured !== undefined,
  );
  if (failed)
    return {
      status: failed.status,
      runsMs: ok.map((o) => o.measured.ms),
      ...(failed.message ? { message: failed.message } : {}),
    };
  return {
    status: 'ok',
    ms: median(ok.map((o) => o.measured.ms)),
    rssMb: median(ok.map((o) => o.rssMb ?? NaN)),
    measured: medianRecord(ok.map((o) => o.measured)),
    runsMs: ok.map((o) => o.measured.ms),
  };
}

/** "timeout" or "error: ..." for a side without a median. */
export function statusText(summary: Summary): string {
  switch (summary.status) {
    case 'ok':
      return formatDuration(summary.ms);
    case 'timeout':
      return 'timeout';
    case 'error':
      return `error: ${summary.message ?? ''}`.slice(0, 80);
    default:
      return summary.status satisfies never;
  }
}
