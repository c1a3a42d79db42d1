import * as gcoordModule from 'gcoord';

// gcoord ships CommonJS whose typings describe an ES default export; under NodeNext the
// namespace's `default` is that object at run time too.
interface Gcoord {
  transform(point: [number, number], from: string, to: string): [number, number];
  GCJ02: string;
  WGS84: string;
}
const gcoord = gcoordModule.default as unknown as Gcoord;

/** Coordinate reference systems an ingest accepts (SPEC §1). */
export const CRS_VALUES = ['wgs84', 'gcj02'] as const;
export type Crs = (typeof CRS_VALUES)[number];

/**
 * Converts a GCJ-02 point (the offset datum of Chinese map apps) to WGS-84.
 * Outside China GCJ-02 equals WGS-84, which gcoord honours.
 * @returns [lat, lon] in WGS-84 decimal degrees.
 */
export function gcj02ToWgs84(lat: number, lon: number): [number, number] {
  const [wgsLon, wgsLat] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [wgsLat, wgsLon];
}
