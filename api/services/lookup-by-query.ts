import type { z } from 'zod';
import { frontDeskLookup } from '../../analytics/lookup/front-desk-lookup.js';
import type { Lookup } from '../../domain/lookup.js';
import type { Database } from '../../store/database.js';
import type { LookupQuery } from '../schemas/lookup.js';

/** The front desk's look-up for a `GET /v1/lookup` query, which `cellpulse lookup` parses its flags into as well. */
export function lookupByQuery(db: Database, query: z.infer<typeof LookupQuery>): Promise<Lookup> {
  const { lat, lon, cell_id, category, at, radius_km } = query;
  return frontDeskLookup(db, {
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    ...(cell_id ? { cellId: cell_id } : {}),
    ...(category ? { category } : {}),
    ...(at ? { at } : {}),
    radiusKm: radius_km,
  });
}
