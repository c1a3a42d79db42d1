// Plain JS (typed by gcj02-to-wgs84.d.ts) so that the H3 worker threads load it without the
// TypeScript loader: the one GCJ-02 conversion the ingest uses, on any thread.
import gcoord from 'gcoord';

/**
 * Converts a GCJ-02 point (the offset datum of Chinese map apps) to WGS-84.
 * Outside China GCJ-02 equals WGS-84, which gcoord honours.
 * @param {number} lat
 * @param {number} lon
 * @returns {[number, number]} [lat, lon] in WGS-84 decimal degrees.
 */
export function gcj02ToWgs84(lat, lon) {
  const [wgsLon, wgsLat] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [wgsLat, wgsLon];
}
