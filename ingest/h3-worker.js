// Worker entry (plain JS so it loads without the TypeScript loader, in the CLI, the server and tests alike):
// buckets a slice of points into H3 cells, converting GCJ-02 to WGS-84 first when asked. Cells go
// back as the two 32-bit halves of the index in typed arrays (transferred, not copied), which the
// main thread hands to DuckDB a vector at a time instead of a string per row.
import { parentPort } from 'node:worker_threads';
import { latLngToCell } from 'h3-js';
import { gcj02ToWgs84 } from './gcj02-to-wgs84.js';

/** The value of each hex digit by its character code (h3-js writes cells in lower case). */
const DIGIT = new Uint8Array(128);
for (let d = 0; d < 16; d += 1) DIGIT['0123456789abcdef'.charCodeAt(d)] = d;

parentPort.on('message', ({ id, lats, lons, resolution, gcj02 }) => {
  const n = lats.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    if (gcj02) [lats[i], lons[i]] = gcj02ToWgs84(lats[i], lons[i]);
    const cell = latLngToCell(lats[i], lons[i], resolution);
    // Digit by digit, not slice + parseInt: no string per half (25 ms instead of 50-140 ms for 490k cells).
    const split = cell.length - 8;
    let high = 0;
    let low = 0;
    for (let c = 0; c < split; c += 1) high = high * 16 + DIGIT[cell.charCodeAt(c)];
    for (let c = split; c < cell.length; c += 1) low = low * 16 + DIGIT[cell.charCodeAt(c)];
    hi[i] = high;
    lo[i] = low;
  }
  parentPort.postMessage({ id, lats, lons, hi, lo }, [lats.buffer, lons.buffer, hi.buffer, lo.buffer]);
});
