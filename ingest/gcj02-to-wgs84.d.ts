/**
 * Converts a GCJ-02 point (the offset datum of Chinese map apps) to WGS-84.
 * Outside China GCJ-02 equals WGS-84, which gcoord honours.
 * @returns [lat, lon] in WGS-84 decimal degrees.
 */
export declare function gcj02ToWgs84(lat: number, lon: number): [number, number];
