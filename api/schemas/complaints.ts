import { z } from 'zod';
import { Category, ResolutionKind, Technology } from '../../domain/enums.js';
import { Incident } from '../../domain/incident.js';
import { CRS_VALUES } from '../../ingest/gcj02.js';

/**
 * The §1 complaint fields, for the document only: rows are checked by the ingest itself (same rules and rejects as
 * files).
 */
const ComplaintFields = z.object({
  complaint_id: z.string().describe('required, unique; a known id updates that complaint'),
  received_at: z.string().describe('required, ISO-8601; without an offset, local time in the database zone'),
  city: z.string().describe('required'),
  category: Category,
  technology: Technology,
  lat: z.number().min(-90).max(90).optional().describe('with lon, the complaint point (WGS-84 unless crs=gcj02)'),
  lon: z.number().min(-180).max(180).optional(),
  cell_id: z.string().optional().describe('serving cell; locates the complaint when lat/lon are absent'),
  replied_at: z.string().optional().describe('ISO-8601, first reply'),
  resolved_at: z.string().optional().describe('ISO-8601'),
  resolution: ResolutionKind.optional(),
  satisfied: z.boolean().optional(),
});
const { additionalProperties: _ignored, ...documented } = z.toJSONSchema(ComplaintFields, {
  target: 'openapi-3.0',
}) as Record<string, unknown>;

/** A complaint as sent: validated row by row by the ingest, so one bad row is rejected, not the batch. */
export const ComplaintRecord = z
  .unknown()
  .meta({ ...documented, description: 'a complaint (SPEC §1 fields, English names)' });

export const ComplaintBatch = z
  .array(ComplaintRecord)
  .describe('a JSON array, or NDJSON (one object a line) with content-type application/x-ndjson');

export const IngestQuery = z.object({
  crs: z.enum(CRS_VALUES).default('wgs84').describe('datum of lat/lon; gcj02 points are converted to WGS-84'),
});

export const RowOutcome = z.object({
  item: z.number().int().describe('1-based position in the batch'),
  complaint_id: z.string().nullable(),
  status: z.enum(['accepted', 'updated', 'rejected']),
  reason: z.string().optional().describe('why the row was rejected, e.g. "item 3: lat 123.4 is outside [-90, 90]"'),
});

export const ComplaintsAnswer = z.object({
  run_id: z.number().int().nullable().describe('the ingest run; null for an empty batch'),
  accepted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(RowOutcome),
  incidents: z.array(Incident).describe('incidents opened or grown by this batch (SPEC §3)'),
});
export type ComplaintsAnswer = z.infer<typeof ComplaintsAnswer>;

export const UploadAnswer = z.object({
  run_id: z.number().int(),
  kind: z.string(),
  source: z.string().describe('the uploaded file name'),
  total: z.number().int(),
  accepted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  incidents: z.array(Incident),
});
