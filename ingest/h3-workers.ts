import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Located points: WGS-84 coordinates and the H3 cell of each, as the high and low 32 bits of its index. */
export interface LocatedBatch {
  lats: Float64Array;
  lons: Float64Array;
  hi: Uint32Array;
  lo: Uint32Array;
}

interface Pending {
  resolve: (batch: LocatedBatch) => void;
  reject: (error: Error) => void;
}

/**
 * A small pool of worker threads that bucket points into H3 cells (h3-js is CPU-bound and
 * single-threaded), so an ingest uses every core. Idle workers do not keep the process alive.
 */
export class H3Workers {
  private static instance: H3Workers | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (msg: LocatedBatch & { id: number }) => this.settle(msg.id, msg));
      worker.on('error', (error) => this.failAll(error));
      worker.unref();
    }
  }

  /** The process-wide pool, one worker per core. */
  static shared(): H3Workers {
    H3Workers.instance ??= new H3Workers(
      Array.from(
        { length: Math.max(1, availableParallelism()) },
        () => new Worker(new URL('./h3-worker.js', import.meta.url)),
      ),
    );
    return H3Workers.instance;
  }

  /** Cells (and WGS-84 points, when `gcj02`) for the points, split across the workers. */
  async locate(lats: Float64Array, lons: Float64Array, resolution: number, gcj02: boolean): Promise<LocatedBatch> {
    const parts = this.workers.length;
    const size = Math.ceil(lats.length / parts);
    const slices = await Promise.all(
      this.workers.map((worker, w) =>
        this.send(
          worker,
          lats.slice(w * size, (w + 1) * size),
          lons.slice(w * size, (w + 1) * size),
          resolution,
          gcj02,
        ),
      ),
    );
    return {
      lats: joined(slices, 'lats', Float64Array),
      lons: joined(slices, 'lons', Float64Array),
      hi: joined(slices, 'hi', Uint32Array),
      lo: joined(slices, 'lo', Uint32Array),
    };
  }

  private send(
    worker: Worker,
    lats: Float64Array,
    lons: Float64Array,
    resolution: number,
    gcj02: boolean,
  ): Promise<LocatedBatch> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy.set(worker, (this.busy.get(worker) ?? 0) + 1);
      worker.ref();
      worker.postMessage({ id, lats, lons, resolution, gcj02 }, [
        lats.buffer as ArrayBuffer,
        lons.buffer as ArrayBuffer,
      ]);
    }).finally(() => {
      // Only a worker with nothing in flight may let the process exit.
      const left = (this.busy.get(worker) ?? 1) - 1;
      this.busy.set(worker, left);
      if (left === 0) worker.unref();
    }) as Promise<LocatedBatch>;
  }

  private settle(id: number, batch: LocatedBatch): void {
    this.pending.get(id)?.resolve(batch);
    this.pending.delete(id);
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** One field of the workers' batches, end to end in worker order (the batch itself when there is one worker). */
function joined<K extends keyof LocatedBatch>(
  parts: readonly LocatedBatch[],
  key: K,
  Type: new (length: number) => LocatedBatch[K],
): LocatedBatch[K] {
  if (parts.length === 1) return parts[0]![key];
  const out = new Type(parts.reduce((n, p) => n + p[key].length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part[key], offset);
    offset += part[key].length;
  }
  return out;
}
