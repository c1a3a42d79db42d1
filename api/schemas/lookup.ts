import { z } from 'zod';
import { Category, Latitude, Longitude } from '../../domain/enums.js';
import { IsoTime } from './common.js';

/** `?lat=&lon=` or `?cell_id=`, and the call time. */
export const LookupQuery = z
  .object({
    lat: z.coerce.number().pipe(Latitude).optional(),
    lon: z.coerce.number().pipe(Longitude).optional(),
    cell_id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('the serving cell, instead of a point (with one: its outages count)'),
    category: Category.optional().describe('complaint category; the answer follows its triage route (SPEC §11)'),
    at: IsoTime.optional().describe(
      'call time; without an offset local to the database zone; default the newest complaint',
    ),
    radius_km: z.coerce.number().gt(0).max(50).default(2).describe('how far around the point to look'),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), { message: 'lat and lon go together' })
  .refine((q) => q.lat !== undefined || q.cell_id !== undefined, { message: 'give lat and lon, or cell_id' });
