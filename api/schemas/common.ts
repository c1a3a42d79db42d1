import { z } from 'zod';
import { Category, Technology } from '../../domain/enums.js';
import { IsoTime } from '../../domain/time-formats.js';

/** The one error body of the API. */
export const ErrorBody = z.object({
  code: z.string().describe('stable machine-readable code, e.g. invalid_parameter'),
  message: z.string().describe('what was wrong, in words a person can act on'),
});

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody.describe('bad input'),
  401: ErrorBody.describe('missing or unknown API key'),
  404: ErrorBody.describe('nothing there'),
  406: ErrorBody.describe('none of the accepted media types can be produced'),
  429: ErrorBody.describe('rate limit exceeded'),
  500: ErrorBody.describe('internal error (details are logged, never sent)'),
} as const;

export { IsoTime } from '../../domain/time-formats.js';

/** `minLon,minLat,maxLon,maxLat` in WGS-84 degrees, as map libraries write a bounding box. */
export const Bbox = z
  .string()
  .transform((text, ctx) => {
    const parts = text.split(',').map((p) => Number(p.trim()));
    const [minLon, minLat, maxLon, maxLat] = parts;
    const valid = parts.length === 4 && parts.every(Number.isFinite);
    if (
      !valid ||
      minLon! > maxLon! ||
      minLat! > maxLat! ||
      Math.abs(minLat!) > 90 ||
      Math.abs(maxLat!) > 90 ||
      Math.abs(minLon!) > 180 ||
      Math.abs(maxLon!) > 180
    ) {
      ctx.addIssue({ code: 'custom', message: 'bbox is minLon,minLat,maxLon,maxLat in degrees, min before max' });
      return z.NEVER;
    }
    return { minLon: minLon!, minLat: minLat!, maxLon: maxLon!, maxLat: maxLat! };
  })
  .describe('minLon,minLat,maxLon,maxLat (WGS-84 degrees)');
export type Bbox = z.output<typeof Bbox>;

/** Time range and the usual complaint filters, shared by incidents, hexagons and the aggregates. */
export const PeriodFilter = z.object({
  from: IsoTime.optional().describe('start of the period (inclusive)'),
  to: IsoTime.optional().describe('end of the period (exclusive)'),
  category: Category.optional(),
  city: z.string().min(1).optional(),
});

export const TechnologyFilter = z.object({ technology: Technology.optional() });

/** `?limit=&offset=` for lists that can grow without bound. */
export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
