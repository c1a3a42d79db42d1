import { perDatabase } from '../../store/per-database.js';
import type { WarmUpStatus, WarmUpStep, WarmUpStepName } from '../schemas/warm-up.js';

type StepState = Omit<WarmUpStep, 'name'> & { startedAt?: number; settled: Promise<void>; settle: () => void };

/**
 * What a server loads in the background after it starts serving, step by step, so an operator (and
 * the bench) can tell the start-up window from the steady state: `/readyz` shows it. A step is
 * announced (`expect`) when its owner is set up, so the status is not "done" before it has begun.
 */
export class WarmUp {
  private readonly steps = new Map<WarmUpStepName, StepState>();

  /** Announces steps that will run; idempotent. */
  expect(...names: WarmUpStepName[]): void {
    for (const name of names) {
      if (this.steps.has(name)) continue;
      let settle = (): void => undefined;
      const settled = new Promise<void>((resolve) => (settle = resolve));
      this.steps.set(name, { state: 'waiting', progress: 0, ms: null, settled, settle });
    }
  }

  /** Runs the step `name`, recording its state and duration. */
  async run<T>(name: WarmUpStepName, work: () => Promise<T>): Promise<T> {
    this.expect(name);
    const step = this.steps.get(name)!;
    Object.assign(step, { state: 'running', progress: 0, startedAt: performance.now() });
    try {
      const result = await work();
      this.finish(step, 'done');
      return result;
    } catch (error) {
      this.finish(step, 'failed');
      throw error;
    }
  }

  /** The share (0–1) of the step `name` done, while it runs (a later reload of the same state reports nothing). */
  progress(name: WarmUpStepName, share: number): void {
    const step = this.steps.get(name);
    if (step?.state === 'running') step.progress = Math.min(1, Math.max(0, share));
  }

  /** Resolves once every step of `names` announced so far is done or failed. */
  async after(names: readonly WarmUpStepName[]): Promise<void> {
    await Promise.all(names.map((name) => this.steps.get(name)?.settled));
  }

  status(): WarmUpStatus {
    const steps = [...this.steps].map(([name, { state, progress, ms }]) => ({ name, state, progress, ms }));
    return { done: steps.every((s) => s.state !== 'waiting' && s.state !== 'running'), steps };
  }

  private finish(step: StepState, state: 'done' | 'failed'): void {
    const ms = step.startedAt === undefined ? null : Math.round(performance.now() - step.startedAt);
    Object.assign(step, { state, ms, progress: state === 'done' ? 1 : step.progress });
    step.settle();
  }
}

/** The warm-up of the server on each open database. */
export const warmUpOf = perDatabase(() => new WarmUp()).of;
