import { Prng } from '../../datasets/generator/prng.js';
import type { LiveComplaints } from './live-complaints.js';
import { latencyOf, postBatch, type Latency } from './post-latency.js';

export interface SoakOptions {
  seconds: number;
  /** Writer requests per second (one writer, paced; a slow answer delays the next start). */
  writesPerSecond: number;
  /** Complaints per request, drawn uniformly from [min, max]. */
  batchMin: number;
  batchMax: number;
  readers: number;
  /** Read paths the readers cycle through, each reader from its own offset. */
  readPaths: readonly string[];
}

export interface SoakResult {
  seconds: number;
  writes: Latency;
  reads: Latency;
  /** Read latency per path (p50/p99), to show which route is slow. */
  readsByPath: Record<string, Latency>;
  /** Complaints in acknowledged (200) POSTs, and their ids' prefix for the count check. */
  acknowledged: number;
  sentComplaints: number;
  readErrors: number;
  /** The slowest POSTs, slowest first: when they started (seconds into the soak) and how long they took (ms). */
  slowestWrites: { at: number; ms: number; complaints: number }[];
}

/** How many of the slowest POSTs a soak keeps, to show where its tail comes from. */
const SLOWEST = 30;

/** One writer and `readers` readers against `url` for `seconds`; every request is timed. */
export async function soak(url: string, live: LiveComplaints, options: SoakOptions): Promise<SoakResult> {
  const endAt = performance.now() + options.seconds * 1000;
  const running = (): boolean => performance.now() < endAt;
  const readSamples = new Map<string, number[]>(options.readPaths.map((p) => [p, []]));
  const readErrors = { n: 0 };
  const readers = Array.from({ length: options.readers }, (_, r) =>
    readLoop(url, options.readPaths, r, running, readSamples, readErrors),
  );
  const written = await writeLoop(url, live, options, running, endAt - options.seconds * 1000);
  await Promise.all(readers);
  const all = [...readSamples.values()].flat();
  return {
    seconds: options.seconds,
    writes: latencyOf(written.samples, written.errors),
    reads: latencyOf(all, readErrors.n),
    readsByPath: Object.fromEntries([...readSamples].map(([path, samples]) => [path, latencyOf(samples)])),
    acknowledged: written.acknowledged,
    sentComplaints: written.sent,
    readErrors: readErrors.n,
    slowestWrites: written.timed.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST),
  };
}

async function writeLoop(
  url: string,
  live: LiveComplaints,
  options: SoakOptions,
  running: () => boolean,
  startedAt: number,
): Promise<{
  samples: number[];
  errors: number;
  acknowledged: number;
  sent: number;
  timed: SoakResult['slowestWrites'];
}> {
  const prng = Prng.stream(7, 'soak-writer');
  const out = {
    samples: [] as number[],
    errors: 0,
    acknowledged: 0,
    sent: 0,
    timed: [] as SoakResult['slowestWrites'],
  };
  const interval = 1000 / options.writesPerSecond;
  for (let next = performance.now(); running(); next += interval) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const rows = live.batch(options.batchMin + prng.int(options.batchMax - options.batchMin + 1));
    out.sent += rows.length;
    const at = (performance.now() - startedAt) / 1000;
    const { ms, ok } = await postBatch(url, rows);
    if (ok) {
      out.samples.push(ms);
      out.timed.push({ at: Math.round(at * 10) / 10, ms: Math.round(ms), complaints: rows.length });
      out.acknowledged += rows.length;
    } else out.errors += 1;
  }
  return out;
}

async function readLoop(
  url: string,
  paths: readonly string[],
  offset: number,
  running: () => boolean,
  samples: Map<string, number[]>,
  errors: { n: number },
): Promise<void> {
  for (let i = offset; running(); i += 1) {
    const path = paths[i % paths.length]!;
    const started = performance.now();
    try {
      const response = await fetch(url + path);
      await response.arrayBuffer();
      if (response.status !== 200) errors.n += 1;
      else samples.get(path)!.push(performance.now() - started);
    } catch {
      errors.n += 1;
    }
  }
}
