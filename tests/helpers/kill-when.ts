import type { ChildProcess } from 'node:child_process';

export interface KillOutcome {
  /** True when the predicate held while the process was still running, and it was killed then. */
  killed: boolean;
  /** Milliseconds from the call to the kill (or to the process's own exit). */
  afterMs: number;
}

/**
 * Polls `predicate` every `pollMs` while `child` runs and sends SIGKILL the first time it holds.
 * Resolves once the process is gone. Gives up (killing it) after `timeoutMs`.
 */
export function killWhen(
  child: ChildProcess,
  predicate: () => boolean,
  pollMs = 5,
  timeoutMs = 60_000,
): Promise<KillOutcome> {
  const start = Date.now();
  return new Promise((resolve) => {
    let killed = false;
    let exited = false;
    let afterMs = 0;
    const timer = setInterval(() => {
      if (exited || killed) return;
      if (predicate() || Date.now() - start > timeoutMs) {
        killed = child.kill('SIGKILL');
        clearInterval(timer);
        afterMs = Date.now() - start;
      }
    }, pollMs);
    child.on('exit', (_code, signal) => {
      exited = true;
      clearInterval(timer);
      resolve({ killed: killed && signal === 'SIGKILL', afterMs: afterMs || Date.now() - start });
    });
  });
}
