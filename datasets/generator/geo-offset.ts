const KM_PER_DEG_LAT = 111.32;

/** The point `eastKm` east and `northKm` north of (lat, lon), on a local flat approximation (fine over tens of km). */
export function offsetKm(lat: number, lon: number, eastKm: number, northKm: number): { lat: number; lon: number } {
  return {
    lat: lat + northKm / KM_PER_DEG_LAT,
    lon: lon + eastKm / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)),
  };
}

/** The point `km` away from (lat, lon) on compass bearing `bearingDeg`. */
export function moveKm(lat: number, lon: number, km: number, bearingDeg: number): { lat: number; lon: number } {
  const b = (bearingDeg * Math.PI) / 180;
  return offsetKm(lat, lon, km * Math.sin(b), km * Math.cos(b));
}

/** Approximate distance in km between two nearby points (equirectangular). */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dy = (bLat - aLat) * KM_PER_DEG_LAT;
  const dx = (bLon - aLon) * KM_PER_DEG_LAT * Math.cos((((aLat + bLat) / 2) * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/**
 * Rounds a coordinate to the six decimals the files carry (about 0.1 m), so every H3 lookup sees what ingest will read.
 */
export function round6(x: number): number {
  return Number(x.toFixed(6));
}
