import { H3Cell, H3Resolution } from '../../domain/enums.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { Bbox, PeriodFilter, TechnologyFilter } from './common.js';

export const HEXAGON_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

export const HexagonQuery = PeriodFilter.extend(TechnologyFilter.shape).extend({
  res: H3Resolution.optional().describe("H3 resolution 0-15, at most the database's (default: the database's)"),
  bbox: Bbox.optional().describe('keeps hexagons whose centre lies in minLon,minLat,maxLon,maxLat'),
  within: H3Cell.optional().describe('keeps hexagons inside this coarser H3 cell'),
  format: formatQuery(HEXAGON_FORMATS),
});
