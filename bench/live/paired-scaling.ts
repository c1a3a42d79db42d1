import { rmSync } from 'node:fs';
import { copyDurably } from '../harness/copy-durably.js';
import { ensureDir, SCRATCH_DIR } from '../harness/paths.js';
import { LiveComplaints, type CityCentre } from './live-complaints.js';
import { latencyOf, postSamples, warmUpLatency, type Latency } from './post-latency.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** A database of the scaling pair: its file and where its live complaints start. */
export interface ScalingSide {
  size: number;
  path: string;
  cities: CityCentre[];
  endMs: number;
}

/** POST latency of the two sides of the pair, measured in alternating rounds. */
export interface PairedScaling {
  small: number;
  large: number;
  rounds: number;
  one: { small: Latency; large: Latency };
  hundred: { small: Latency; large: Latency };
}

/**
 * The 10M ÷ 1M figures of issue 17, measured side by side: both servers run at once (each on a copy of
 * its database, warmed up), and rounds of POSTs alternate between them, the order swapped every round,
 * so that both sides meet the same machine. Measured one after the other, minutes apart, the two sizes
 * differed by up to a third from one run to the next on the same files (writeback after the 10M build,
 * other work on the shared machine): more than the target allows.
 */
export async function pairedScaling(
  small: ScalingSide,
  large: ScalingSide,
  rounds: number,
  perRound: { one: number; hundred: number },
): Promise<PairedScaling> {
  const sides = [small, large].map((side) => ({ side, copy: `${ensureDir(SCRATCH_DIR)}paired-${side.size}.duckdb` }));
  const servers: ServerProcess[] = [];
  try {
    for (const { side, copy } of sides) copyDurably(side.path, copy);
    for (const { copy } of sides) servers.push(await startServerProcess(copy));
    const live = sides.map(({ side }) => new LiveComplaints(`paired${side.size}`, side.cities, side.endMs));
    // The steady state, as in the per-size rows: each server's warm-up is over before the first round.
    for (const [i, server] of servers.entries()) await warmUpLatency(server.url, live[i]!);
    const samples = { one: [[], []] as number[][], hundred: [[], []] as number[][] };
    const errors = { one: [0, 0], hundred: [0, 0] };
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const [key, size] of [
        ['one', 1],
        ['hundred', 100],
      ] as const) {
        for (const i of order) {
          const got = await postSamples(servers[i]!.url, live[i]!, size, perRound[key]);
          samples[key][i]!.push(...got.samples);
          errors[key][i]! += got.errors;
        }
      }
    }
    const pair = (key: 'one' | 'hundred') => ({
      small: latencyOf(samples[key][0]!, errors[key][0]),
      large: latencyOf(samples[key][1]!, errors[key][1]),
    });
    return { small: small.size, large: large.size, rounds, one: pair('one'), hundred: pair('hundred') };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const { copy } of sides) {
      rmSync(copy, { force: true });
      rmSync(`${copy}.wal`, { force: true });
    }
  }
}
