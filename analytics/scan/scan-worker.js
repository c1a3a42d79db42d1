// Worker entry (plain JS, like ingest/h3-worker.js): runs a slice of an analysis's Monte Carlo
// replicates and sends back their maximum LLRs, transferred rather than copied.
import { parentPort } from 'node:worker_threads';
import { replicateMaxima } from './scan-kernel.js';

parentPort.on('message', ({ id, problem, from, to, seed }) => {
  try {
    const maxima = replicateMaxima(problem, from, to, seed);
    parentPort.postMessage({ id, maxima }, [maxima.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error instanceof Error ? error.stack : error) });
  }
});
