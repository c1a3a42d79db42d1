import { rmSync } from 'node:fs';
import { Database } from '../../store/database.js';
import { median } from '../harness/stats.js';
import type { LiveComplaints } from './live-complaints.js';
import { postBatch } from './post-latency.js';
import { startServerProcess } from './server-process.js';

export interface RestartResult {
  /** Spawn to the first /readyz 200, ms: medians over the rounds, and every round. */
  clean?: number;
  killed?: number;
  empty?: number;
  cleanRuns: number[];
  killedRuns: number[];
  emptyRuns: number[];
}

/** Batches written just before each kill, so there is fresh work in the WAL. */
const WRITES_BEFORE_KILL = 20;

/**
 * Times `cellpulse serve` from spawn to /readyz 200 on `db`: after a clean stop (SIGTERM) and
 * after a SIGKILL that follows a burst of writes, `rounds` times each; the floor is the same
 * start on an empty database (`emptyDb`, created here).
 */
export async function measureRestart(
  db: string,
  emptyDb: string,
  live: LiveComplaints,
  rounds: number,
): Promise<RestartResult> {
  const result: RestartResult = { cleanRuns: [], killedRuns: [], emptyRuns: [] };
  let server = await startServerProcess(db);
  for (let round = 0; round < rounds; round += 1) {
    await server.stop();
    server = await startServerProcess(db);
    result.cleanRuns.push(server.readyMs);
    for (let i = 0; i < WRITES_BEFORE_KILL; i += 1) await postBatch(server.url, live.batch(50));
    await server.kill();
    server = await startServerProcess(db);
    result.killedRuns.push(server.readyMs);
  }
  await server.stop();
  result.emptyRuns = await emptyStarts(emptyDb, rounds);
  return {
    ...result,
    clean: median(result.cleanRuns),
    killed: median(result.killedRuns),
    empty: median(result.emptyRuns),
  };
}

async function emptyStarts(path: string, rounds: number): Promise<number[]> {
  rmSync(path, { force: true });
  await (await Database.open(path)).close();
  const runs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const server = await startServerProcess(path);
    runs.push(server.readyMs);
    await server.stop();
  }
  rmSync(path, { force: true });
  return runs;
}
