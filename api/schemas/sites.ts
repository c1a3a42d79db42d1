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
