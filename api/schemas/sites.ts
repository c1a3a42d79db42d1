import { z } from 'zod';
import { SiteStatus, Technology } from '../../domain/enums.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { Bbox, Paging } from './common.js';

export const SITE_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

export const SiteQuery = Paging.extend({
  city: z.string().min(1).optional(),
  technology: Technology.optional(),
  status: SiteStatus.optional(),
  bbox: Bbox.optional(),
  format: formatQuery(SITE_FORMATS),
});

/** One cell of the inventory; also the CSV/Arrow row. */
export const SiteRow = z.object({
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
