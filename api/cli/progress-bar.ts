import cliProgress from 'cli-progress';
import type { IngestStage, OnProgress } from '../../ingest/ingest.js';

/** True when a person watches stderr: not piped, not under CI. */
export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

/**
 * A progress reporter for long ingests: a bar on a terminal, nothing when piped or under CI
 * (the JSON summary on stdout must stay the last line and machine-readable). `stop` ends the bar
 * once: later progress and later stops are ignored.
 */
export function ingestProgressBar(label: string): { onProgress: OnProgress; stop: () => void } {
  if (!isInteractive()) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} {stage} [{bar}] {percentage}% {value}/{total} rows`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  const onProgress = (stage: IngestStage, done?: number, total?: number): void => {
    if (state === 'stopped') return;
    if (state === 'idle') {
      bar.start(total ?? 1, 0, { stage });
      state = 'running';
    }
    if (total !== undefined) bar.setTotal(total);
    bar.update(done ?? 0, { stage });
  };
  const stop = (): void => {
    if (state === 'running') bar.stop();
    state = 'stopped';
  };
  return { onProgress, stop };
}
