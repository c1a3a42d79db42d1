import { z } from 'zod';
import { SiteStatus, Technology } from './enums.js';

/** One cell of the inventory (SPEC §1 cell_sites); also the CSV/Arrow row. */
export const CellSite = z.object({
  cell_id: z.string(),
  site_id: z.string(),
  city: z.string(),
  technology: Technology,
  lat: z.number(),
  lon: z.number(),
  azimuth: z.number().nullable(),
  status: SiteStatus,
  h3: z.string().describe('H3 cell of the site at the database resolution'),
});
export type CellSite = z.infer<typeof CellSite>;
