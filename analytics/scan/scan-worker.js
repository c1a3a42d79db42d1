// Worker entry (plain JS, like ingest/h3-worker.js): runs a slice of an analysis's Monte Carlo
// replicates and sends back their maximum LLRs, transferred rather than copied.
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { replicateMaxima } from './scan-kernel.js';

// The server's replicates are background work beside a live service: on Linux a nice value belongs
// to a thread, so this lowers only the worker, and the writer and readers get the CPU first on a
// 2-core machine. A command run by hand keeps normal priority: at nice 19 on a busy machine it
// would wait behind every other process.
if (workerData?.background !== false) {
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted here: the replicates run at normal priority.
  }
}

parentPort.on('message', ({ id, problem, from, to, seed }) => {
  try {
    const maxima = replicateMaxima(problem, from, to, seed);
    parentPort.postMessage({ id, maxima }, [maxima.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error instanceof Error ? error.stack : error) });
  }
});
