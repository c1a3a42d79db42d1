// Worker entry (plain JS so it loads without the TypeScript loader, in the CLI, the server and tests alike):
// buckets a slice of points into H3 cells, converting GCJ-02 to WGS-84 first when asked.
import { parentPort } from 'node:worker_threads';
import { latLngToCell } from 'h3-js';
import gcoord from 'gcoord';

parentPort.on('message', ({ id, lats, lons, resolution, gcj02 }) => {
  const n = lats.length;
  const cells = new Array(n);
  for (let i = 0; i < n; i += 1) {
    if (gcj02) {
      const [lon, lat] = gcoord.transform([lons[i], lats[i]], gcoord.GCJ02, gcoord.WGS84);
      lats[i] = lat;
      lons[i] = lon;
    }
    cells[i] = latLngToCell(lats[i], lons[i], resolution);
  }
  parentPort.postMessage({ id, lats, lons, cells }, [lats.buffer, lons.buffer]);
});
