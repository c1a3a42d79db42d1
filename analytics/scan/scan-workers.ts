import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CellpulseError } from '../../domain/errors.js';
import { replicateMaxima, type ScanProblem } from './scan-kernel.js';

/** CPU priority of the worker threads: lowest beside a live service, normal for a command run by hand. */
export type ScanPriority = 'background' | 'foreground';

interface Pending {
  resolve: (maxima: Float64Array) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  maxima?: Float64Array;
  error?: string;
}

/**
 * Worker threads that run Monte Carlo replicates of the scan, so an analysis uses every core
 * and never holds the event loop of the server. Each replicate draws from its own seeded
 * stream, so the maxima are the same whatever the number of workers (0 runs them inline).
 * Idle workers do not keep the process alive.
 */
export class ScanWorkers {
  private static instance: ScanWorkers | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private started: Worker[] | undefined;

  private constructor(
    private readonly count: number,
    private readonly priority: ScanPriority,
  ) {}

  /**
   * `count` workers (default one per core; 0: replicates run on the calling thread), started on first use.
   * `background` (the default, for the server's schedule) lowers them to the lowest CPU priority; a
   * command a person runs and waits for passes `foreground`.
   */
  static create(count = availableParallelism(), priority: ScanPriority = 'background'): ScanWorkers {
    return new ScanWorkers(Math.max(0, count), priority);
  }

  /** The process-wide pool, one worker per core. */
  static shared(): ScanWorkers {
    ScanWorkers.instance ??= ScanWorkers.create();
    return ScanWorkers.instance;
  }

  /** Maximum LLR of replicates 0 .. replicates - 1, split into one slice per worker. */
  async maxima(problem: ScanProblem, replicates: number, seed: number): Promise<Float64Array> {
    if (this.count === 0 || problem.recentClass.length === 0) return replicateMaxima(problem, 0, replicates, seed);
    const workers = this.workers();
    const size = Math.ceil(replicates / workers.length);
    const slices = await Promise.all(
      workers.map((worker, w) => this.send(worker, problem, w * size, Math.min(replicates, (w + 1) * size), seed)),
    );
    const out = new Float64Array(replicates);
    slices.forEach((slice, w) => out.set(slice, w * size));
    return out;
  }

  /** Starts the workers now (no-op when started), so their start-up overlaps the caller's reading. */
  start(): void {
    if (this.count > 0) this.workers();
  }

  /** Stops the workers (tests and one-shot commands). */
  async close(): Promise<void> {
    const started = this.started ?? [];
    this.started = undefined;
    await Promise.all(started.map((w) => w.terminate()));
    if (ScanWorkers.instance === this) ScanWorkers.instance = undefined;
  }

  private workers(): Worker[] {
    if (this.started !== undefined) return this.started;
    this.started = Array.from({ length: this.count }, () => {
      const worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
        workerData: { background: this.priority === 'background' },
      });
      worker.on('message', (msg: Reply) => this.settle(msg));
      worker.on('error', (error) => this.failAll(error));
      // A worker stopped by `close` (server shutdown) fails what it had in flight instead of hanging it.
      worker.on('exit', () => this.failAll(new CellpulseError('internal', 'the scan workers were stopped')));
      worker.unref();
      return worker;
    });
    return this.started;
  }

  private send(worker: Worker, problem: ScanProblem, from: number, to: number, seed: number): Promise<Float64Array> {
    if (to <= from) return Promise.resolve(new Float64Array(0));
    const id = this.nextId++;
    return new Promise<Float64Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy.set(worker, (this.busy.get(worker) ?? 0) + 1);
      worker.ref();
      worker.postMessage({ id, problem, from, to, seed });
    }).finally(() => {
      // Only a worker with nothing in flight may let the process exit.
      const left = (this.busy.get(worker) ?? 1) - 1;
      this.busy.set(worker, left);
      if (left === 0) worker.unref();
    });
  }

  private settle(msg: Reply): void {
    const pending = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    if (msg.maxima !== undefined) pending?.resolve(msg.maxima);
    else pending?.reject(new CellpulseError('internal', `a scan worker failed: ${msg.error ?? 'no result'}`));
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
