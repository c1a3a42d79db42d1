import type { FastifyBaseLogger } from 'fastify';
import { scanSignals } from '../../analytics/scan/run-scan.js';
import type { ScanWorkers } from '../../analytics/scan/scan-workers.js';
import type { Database } from '../../store/database.js';

export interface ScanSchedulerOptions {
  db: Database;
  workers: ScanWorkers;
  /** Interval of the scheduled analysis, ms (0: none). */
  everyMs: number;
  /** Quiet time after a write before the analysis, ms. */
  debounceMs: number;
  replicates: number;
  analysesPerDay: number;
  /** Signals no incident covers go out when their recurrence interval exceeds this (days). */
  thresholdDays: number;
  /** Hands newly stored alert events out (SSE, webhooks) after an analysis commits. */
  notify: () => Promise<void>;
  logger: FastifyBaseLogger;
}

/**
 * Runs the space-time scan in the background of the server: every `everyMs` and once writes
 * have been quiet for `debounceMs`, never inside a request. Its replicates run on worker
 * threads; one analysis at a time (a trigger during a run asks for one more run after it).
 * New signals that no incident covers, with a recurrence interval above the threshold, are
 * stored as `signal.detected` events in the analysis's transaction (once each) and handed out.
 */
export class ScanScheduler {
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(private readonly options: ScanSchedulerOptions) {}

  /**
   * Starts the schedule: the first analysis right away, or (`whenQuiet`) once writes have been quiet for
   * the debounce time (at the latest at the first interval), as after a write.
   */
  start(whenQuiet = false): void {
    if (this.options.everyMs > 0) this.timer = setInterval(() => this.trigger(), this.options.everyMs).unref();
    if (whenQuiet) this.noteWrite();
    else void this.trigger();
  }

  /** A write committed: analyse once writes have been quiet for the debounce time. */
  noteWrite(): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.trigger(), this.options.debounceMs).unref();
  }

  /** Runs an analysis now (or right after the running one); resolves when it is done. */
  trigger(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.analyse().finally(() => {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.trigger();
      }
    });
    return this.running;
  }

  /** Stops the schedule and waits for a running analysis (the database is about to close). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    await this.running;
  }

  private async analyse(): Promise<void> {
    const { db, workers, replicates, analysesPerDay, thresholdDays } = this.options;
    try {
      await scanSignals(db, { replicates, analysesPerDay, workers, alertAboveDays: thresholdDays });
      await this.options.notify();
    } catch (error) {
      if (!this.closed) this.options.logger.error({ err: error }, 'space-time scan failed');
    }
  }
}
