import { z } from 'zod';
import { MEDIA_TYPES, type OutputFormat } from '../formats/negotiate.js';
import { errorResponses } from './common.js';

const FeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string().optional(),
        geometry: z.unknown().describe('Point, Polygon or MultiPolygon, [lon, lat] order'),
        properties: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .describe('GeoJSON (RFC 7946)');

const Csv = z.string().describe('CSV with a header row (RFC 4180 quoting; lists joined with ";")');
const Arrow = z
  .string()
  .meta({ format: 'binary', description: 'Apache Arrow IPC stream; the schema is sent even when there are no rows' });

/**
 * The responses of a table route for the OpenAPI document: one 200 per media type it offers
 * (JSON items, GeoJSON, CSV, Arrow), plus the shared error bodies.
 */
export function tableResponses(item: z.ZodType, formats: readonly OutputFormat[], description: string) {
  const bodies: Record<OutputFormat, z.ZodType> = {
    json: z.array(item),
    geojson: FeatureCollection,
    csv: Csv,
    arrow: Arrow,
  };
  const content = Object.fromEntries(formats.map((f) => [MEDIA_TYPES[f].split(';')[0], { schema: bodies[f] }]));
  return { 200: { description, content }, ...errorResponses };
}
