import { z } from 'zod';
import { InputKind } from './enums.js';
import { IsoDateTime } from './time-formats.js';

/** One ingest (a file or a request body) and its counts. */
export const IngestRun = z.object({
  run_id: z.number().int(),
  kind: InputKind,
  source: z.string(),
  format: z.string().describe('csv, ndjson, json, parquet, or request for a request body'),
  crs: z.string(),
  actor: z.string().describe('user name, or key:<id> of the API key'),
  started_at: IsoDateTime,
  finished_at: IsoDateTime,
  total_rows: z.number().int(),
  accepted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
});
export type IngestRun = z.infer<typeof IngestRun>;

/** One row refused by an ingest, with its raw text and the reason (SPEC §1 "Bad input"). */
export const RejectedRow = z.object({
  run_id: z.number().int(),
  kind: InputKind,
  source: z.string(),
  line: z.number().int().describe('line (or item) of the source'),
  raw: z.string().describe('the row as received, JSON'),
  reason: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;
