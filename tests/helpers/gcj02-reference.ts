/**
 * The published WGS-84 -> GCJ-02 forward transform (Krasovsky 1940 ellipsoid), written out
 * independently of gcoord so tests can check the ingest's inverse against it.
 */
const A = 6378245.0;
const EE = 0.006693421622965943; // 0.00669342162296594323 as published, to double precision
const { PI, sin, cos, sqrt, abs } = Math;

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x));
  r += ((20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * sin(y * PI) + 40.0 * sin((y / 3.0) * PI)) * 2.0) / 3.0;
  r += ((160.0 * sin((y / 12.0) * PI) + 320.0 * sin((y * PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x));
  r += ((20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * sin(x * PI) + 40.0 * sin((x / 3.0) * PI)) * 2.0) / 3.0;
  r += ((150.0 * sin((x / 12.0) * PI) + 300.0 * sin((x / 30.0) * PI)) * 2.0) / 3.0;
  return r;
}

/** The rough box outside which GCJ-02 is defined to equal WGS-84. */
export function outOfChina(lat: number, lon: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

/** WGS-84 (lat, lon) to GCJ-02 (lat, lon), in decimal degrees. */
export function wgs84ToGcj02(lat: number, lon: number): [number, number] {
  if (outOfChina(lat, lon)) return [lat, lon];
  const radLat = (lat / 180.0) * PI;
  const magic = 1 - EE * sin(radLat) * sin(radLat);
  const sqrtMagic = sqrt(magic);
  const dLat = (offsetLat(lon - 105.0, lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
  const dLon = (offsetLon(lon - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * cos(radLat) * PI);
  return [lat + dLat, lon + dLon];
}

/**
 * Published reference pairs (WGS-84 -> GCJ-02), as rounded by their sources to 6 decimals (~0.1 m):
 * Tiananmen, Beijing, the pair most often quoted for the offset.
 */
export const REFERENCE_PAIRS: readonly { name: string; wgs: [number, number]; gcj: [number, number] }[] = [
  { name: 'Tiananmen, Beijing', wgs: [39.908823, 116.39747], gcj: [39.910226, 116.403712] },
];
