import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (utf8: Uint8Array | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that decode pieces of a text file to UTF-8 (a megabyte of GB18030 takes the
 * platform's decoder about 5 ms; two cores halve a large file's transcoding before its ingest).
 * Idle workers do not keep the process alive.
 */
export class DecodeWorkers {
  private static instance: DecodeWorkers | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (msg: { id: number; utf8?: Uint8Array; invalid?: true }) => this.settle(msg));
      worker.on('error', (error) => this.failAll(error));
      worker.unref();
    }
  }

  /** The process-wide pool, one worker per core (at least two: reading and writing go on meanwhile). */
  static shared(): DecodeWorkers {
    const count = Math.max(2, availableParallelism());
    DecodeWorkers.instance ??= new DecodeWorkers(
      Array.from({ length: count }, () => new Worker(new URL('./decode-worker.js', import.meta.url))),
    );
    return DecodeWorkers.instance;
  }

  /** The UTF-8 bytes of `bytes` (whole characters) in `encoding`; undefined when they are not valid in it. */
  decode(bytes: Uint8Array<ArrayBuffer>, encoding: string): Promise<Uint8Array | undefined> {
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, encoding, bytes }, [bytes.buffer]);
    });
  }

  private settle(msg: { id: number; utf8?: Uint8Array; invalid?: true }): void {
    const pending = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    if (this.pending.size === 0) for (const worker of this.workers) worker.unref();
    pending?.resolve(msg.invalid ? undefined : msg.utf8);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
