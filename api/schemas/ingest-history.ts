import { z } from 'zod';
import { InputKind } from '../../domain/enums.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { Paging } from './common.js';

export const HISTORY_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

export const HistoryQuery = Paging.extend({
  kind: InputKind.optional(),
  run_id: z.coerce.number().int().min(1).optional(),
  format: formatQuery(HISTORY_FORMATS),
});

export const IngestRunRow = z.object({
  run_id: z.number().int(),
  kind: InputKind,
  source: z.string(),
  format: z.string().describe('csv, ndjson, json, parquet, or request for a request body'),
  crs: z.string(),
  actor: z.string().describe('user name, or key:<id> of the API key'),
  started_at: z.iso.datetime(),
  finished_at: z.iso.datetime(),
  total_rows: z.number().int(),
  accepted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
});

export const RejectedRowRow = z.object({
  run_id: z.number().int(),
  kind: InputKind,
  source: z.string(),
  line: z.number().int().describe('line (or item) of the source'),
  raw: z.string().describe('the row as received, JSON'),
  reason: z.string(),
});
