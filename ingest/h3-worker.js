// Worker entry (plain JS so it loads without the TypeScript loader, in the CLI, the server and tests alike):
// buckets a slice of points into H3 cells, converting GCJ-02 to WGS-84 first when asked. Cells go
// back as the two 32-bit halves of the index in typed arrays (transferred, not copied), which the
// main thread hands to DuckDB a vector at a time instead of a string per row.
import { parentPort } from 'node:worker_threads';
import { latLngToCell } from 'h3-js';
import { gcj02ToWgs84 } from './gcj02-to-wgs84.js';

parentPort.on('message', ({ id, lats, lons, resolution, gcj02 }) => {
  const n = lats.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    if (gcj02) [lats[i], lons[i]] = gcj02ToWgs84(lats[i], lons[i]);
    const cell = latLngToCell(lats[i], lons[i], resolution);
    const split = cell.length - 8;
    hi[i] = Number.parseInt(cell.slice(0, split), 16);
    lo[i] = Number.parseInt(cell.slice(split), 16);
  }
  parentPort.postMessage({ id, lats, lons, hi, lo }, [lats.buffer, lons.buffer, hi.buffer, lo.buffer]);
});
