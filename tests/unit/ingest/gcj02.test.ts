import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84 } from '../../../ingest/gcj02.js';
import { outOfChina, REFERENCE_PAIRS, wgs84ToGcj02 } from '../../helpers/gcj02-reference.js';

describe('gcj02ToWgs84', () => {
  it('the independent forward formula reproduces the published reference pairs', () => {
    for (const { wgs, gcj } of REFERENCE_PAIRS) {
      const [lat, lon] = wgs84ToGcj02(...wgs);
      // The published pairs are rounded to 6 decimals, i.e. within ~0.5 m.
      expect(Math.abs(lat - gcj[0])).toBeLessThan(5e-6);
      expect(Math.abs(lon - gcj[1])).toBeLessThan(5e-6);
    }
  });

  it('inverts the forward transform to within 1e-6 degrees across China', () => {
    const points: [number, number][] = [
      [39.910226, 116.403712],
      [45.751935, 126.635942],
      [31.228458, 121.478223],
      [22.540383, 114.063014],
      [30.570346, 104.069305],
      [43.825592, 87.616848],
      [18.252847, 109.511909],
    ];
    for (const [gLat, gLon] of points) {
      const [wLat, wLon] = gcj02ToWgs84(gLat, gLon);
      const [backLat, backLon] = wgs84ToGcj02(wLat, wLon);
      expect(Math.abs(backLat - gLat)).toBeLessThanOrEqual(1e-6 + 1e-12);
      expect(Math.abs(backLon - gLon)).toBeLessThanOrEqual(1e-6 + 1e-12);
      // The offset is real: hundreds of metres, not a no-op.
      expect(Math.hypot(wLat - gLat, wLon - gLon)).toBeGreaterThan(1e-3);
    }
  });

  it('maps the published GCJ-02 point of Tiananmen back to its WGS-84 point', () => {
    const [pair] = REFERENCE_PAIRS;
    const [lat, lon] = gcj02ToWgs84(...pair!.gcj);
    expect(Math.abs(lat - pair!.wgs[0])).toBeLessThan(5e-6);
    expect(Math.abs(lon - pair!.wgs[1])).toBeLessThan(5e-6);
  });

  it('leaves points outside China unchanged', () => {
    for (const [lat, lon] of [
      [51.5007, -0.1246],
      [35.6586, 139.7454],
      [-33.8568, 151.2153],
      [55.7539, 37.6208],
    ] as [number, number][]) {
      expect(outOfChina(lat, lon)).toBe(true);
      expect(gcj02ToWgs84(lat, lon)).toEqual([lat, lon]);
    }
  });
});
