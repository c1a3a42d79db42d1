/** Coordinate reference systems an ingest accepts (SPEC §1). */
export const CRS_VALUES = ['wgs84', 'gcj02'] as const;
export type Crs = (typeof CRS_VALUES)[number];

// One implementation for the main thread and the H3 worker threads (which load plain JS only).
export { gcj02ToWgs84 } from './gcj02-to-wgs84.js';
