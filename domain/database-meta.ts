import { z } from 'zod';

/** The database settings a client needs to build queries (`GET /v1/meta`, the dashboard's first call). */
export const DatabaseMeta = z.object({
  h3_resolution: z
    .number()
    .int()
    .describe('resolution the database buckets complaints at; the finest /v1/hexagons serves'),
  time_zone: z.string().describe('zone of timestamps given without an offset'),
  data_version: z.number().int().describe('bumped by every ingest; read ETags follow it'),
});
export type DatabaseMeta = z.infer<typeof DatabaseMeta>;
