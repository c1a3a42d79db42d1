import type { IngestRecord } from '../ingest.js';
import type { Latency, WarmUpWindow } from './post-latency.js';
import type { RestartResult } from './restart.js';
import type { SoakResult } from './soak.js';

/** What the live section measured at one database size. */
export interface LiveRecord {
  size: number;
  /** 1-complaint POSTs from the first /readyz 200 until the warm-up is done (the cases below run after it). */
  warmUp?: WarmUpWindow;
  healthz: Latency;
  one: Latency;
  hundred: Latency;
  appenderOne: Latency;
  appenderHundred: Latency;
  sseOne: { post: Latency; event: Latency };
  sseHundred: { post: Latency; event: Latency };
  /** The live path in process with triage and without (issue 16's budget), batches of 1 and of 100. */
  triageOne?: { on: Latency; off: Latency };
  triageHundred?: { on: Latency; off: Latency };
  soak?: SoakResult & { present: number };
  restart?: RestartResult;
  /** The dense file's batch ingest beside the peer (and with triage off), into a fresh database. */
  dense?: IngestRecord;
}
