import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { expect } from 'vitest';
import { scanSignals } from '../../analytics/scan/run-scan.js';
import { ScanWorkers } from '../../analytics/scan/scan-workers.js';
import { ingestFile } from '../../api/services/ingest-service.js';
import { startApiFixture } from '../integration/api/api-fixture.js';
import { buildDashboard, mapComplaints, openBrowser, type DashboardFixture } from './dashboard-fixture.js';
import { seededRandom } from '../helpers/seeded-random.js';

export { hook, openDashboard } from './dashboard-fixture.js';

declare global {
  interface Window {
    /** The dashboard's test hooks (api/dashboard/src/main.ts). */
    __cellpulse?: Record<string, unknown>;
  }
}

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
/** The newest complaint of the data: the scan's analysis time and the trends' last week's end. */
export const AT = Date.parse('2024-06-30T12:00:00+08:00');
const TOWN = gridDisk(latLngToCell(30.2741, 120.1551, 8), 2);
/** A hexagon far from the town with one no_signal complaint a week, then five in the last hour. */
export const VILLAGE = latLngToCell(30.45, 120.42, 8);
/** Where six call drops in the last hour open an incident. */
export const BURST_HEX = TOWN[0]!;
/** The centre of seven hexagons with weak-coverage complaints every week for 12 weeks. */
export const HOT_SPOT = latLngToCell(30.12, 120.3, 8);

function at(id: string, category: string, h3: string, t: number): Record<string, unknown> {
  const [lat, lon] = cellToLatLng(h3);
  const received = new Date(t).toISOString();
  return { complaint_id: id, received_at: received, city: 'Hangzhou', category, technology: 'LTE', lat, lon };
}

/**
 * What the scan and trend panels need on top of the map data: a town's no_signal and call_drop
 * background over 28 days (none in the last two hours), a quiet village's burst of five (a signal
 * no incident covers), six call drops in one hexagon in the last hour (an incident and the signal
 * covering it) and a weak-coverage hot spot, six a week in each of seven hexagons for 12 weeks.
 */
export function scanComplaints(): Record<string, unknown>[] {
  const next = seededRandom(2024);
  const out: Record<string, unknown>[] = [];
  for (const category of ['no_signal', 'call_drop'])
    for (let i = 0; i < 300; i += 1) {
      const t = AT - 2 * HOUR - next() * 27 * 24 * HOUR;
      out.push(at(`TOWN-${category}-${i}`, category, TOWN[Math.floor(next() * TOWN.length)]!, t));
    }
  for (let w = 0; w < 4; w += 1) out.push(at(`VIL-${w}`, 'no_signal', VILLAGE, AT - (w + 1) * WEEK + 5 * HOUR));
  for (let i = 0; i < 5; i += 1) out.push(at(`VIL-B-${i}`, 'no_signal', VILLAGE, AT - 50 * 60_000 + i * 10 * 60_000));
  for (let i = 0; i < 6; i += 1) out.push(at(`DROP-${i}`, 'call_drop', BURST_HEX, AT - 55 * 60_000 + i * 11 * 60_000));
  // Six a week in each of the seven hexagons, one every four hours (never a cluster).
  const hot = gridDisk(HOT_SPOT, 1);
  for (let w = 0; w < 12; w += 1)
    for (let slot = 0; slot < 42; slot += 1)
      out.push(at(`HOT-${w}-${slot}`, 'weak_coverage', hot[slot % 7]!, AT - w * WEEK - (slot + 0.5) * 4 * HOUR));
  return out;
}

export interface PanelsFixture extends DashboardFixture {
  workers: ScanWorkers;
  /** Runs and stores the scan as `cellpulse scan` does, with the replicates the server reads back. */
  scan: () => Promise<void>;
}

/**
 * A real server (the API fixture, the map data and `scanComplaints`) whose `GET /v1/signals` reads
 * back the analyses the test stores (999 replicates, no background schedule, so nothing races the
 * test), a freshly built dashboard, and Debian's Chromium in Chinese, Shanghai time.
 */
export async function startPanels(): Promise<PanelsFixture> {
  const outDir = mkdtempSync(join(tmpdir(), 'cellpulse-panels-'));
  await buildDashboard(outDir);
  const api = await startApiFixture({ dashboardDir: outDir, scanReplicates: 999 });
  await ingestFile(api.db, { kind: 'complaints', source: { records: mapComplaints(), name: 'e2e-map' } });
  await ingestFile(api.db, { kind: 'complaints', source: { records: scanComplaints(), name: 'e2e-scan' } });
  const workers = ScanWorkers.create(2);
  const scan = async (): Promise<void> => {
    await scanSignals(api.db, { replicates: 999, workers });
  };
  await scan();
  return { ...(await openBrowser(api, outDir, () => workers.close())), workers, scan };
}

/** Polls like Playwright's web-first assertions (playwright-core has none): the page settles asynchronously. */
export const settle = <T>(read: () => Promise<T>, timeout = 20_000) => expect.poll(read, { timeout, interval: 100 });
