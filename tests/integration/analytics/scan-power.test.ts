import { join } from 'node:path';
import { gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listIncidents } from '../../../analytics/clusters/incidents/incident-reader.js';
import { scanSignals } from '../../../analytics/scan/run-scan.js';
import { ScanWorkers } from '../../../analytics/scan/scan-workers.js';
import { detectFormat } from '../../../ingest/formats.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { complaintInHex } from '../../helpers/ingest-rows.js';
import { runCli } from '../../helpers/run-cli.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { writeCsv, type FixtureRow } from '../../helpers/write-fixture.js';

const HOUR = 3_600_000;
const AT = Date.UTC(2026, 9, 29, 12);
const CENTRE = latLngToCell(45.75, 126.63, 8);
/** Background hexagons around the city centre, and a quiet village hexagon well away from them. */
const TOWN = gridDisk(CENTRE, 3);
const VILLAGE = latLngToCell(45.9, 126.9, 8);
const BUSY = CENTRE;

function complaint(id: string, category: string, h3: string, t: number): FixtureRow {
  return complaintInHex(id, h3, t, { category });
}

/** 28 days and a day of baseline: the town's no_signal complaints, a quiet village, and a busy slow_data hexagon. */
function rows(): FixtureRow[] {
  const next = seededRandom(42);
  const out: FixtureRow[] = [];
  const span = 29 * 24 * HOUR;
  // Town background, about 1 no_signal complaint a day per hexagon, none of them in the last two hours.
  for (let i = 0; i < TOWN.length * 29; i += 1)
    out.push(
      complaint(
        `T-${i}`,
        'no_signal',
        TOWN[Math.floor(next() * TOWN.length)]!,
        AT - 2 * HOUR - next() * (span - 3 * HOUR),
      ),
    );
  // The village: one no_signal complaint a week, then a burst of five in the last hour.
  for (let w = 0; w < 4; w += 1)
    out.push(complaint(`V-${w}`, 'no_signal', VILLAGE, AT - (w + 1) * 7 * 24 * HOUR + 5 * HOUR));
  for (let i = 0; i < 5; i += 1)
    out.push(complaint(`VB-${i}`, 'no_signal', VILLAGE, AT - 50 * 60_000 + i * 10 * 60_000));
  // Downtown slow data: 6 complaints in most hours (5 to 7), and 6 in the analysed hour.
  for (let h = 1; h < 28 * 24; h += 1) {
    const n = 5 + Math.floor(next() * 3);
    for (let i = 0; i < n; i += 1)
      out.push(complaint(`B-${h}-${i}`, 'slow_data', BUSY, AT - h * HOUR - (i + 0.5) * (HOUR / 8)));
  }
  for (let i = 0; i < 6; i += 1) out.push(complaint(`BN-${i}`, 'slow_data', BUSY, AT - 55 * 60_000 + i * 11 * 60_000));
  return out;
}

describe('space-time scan power on stored data', () => {
  let tmp: TmpDb;
  const workers = ScanWorkers.create(2);

  beforeAll(async () => {
    tmp = await openTmpDb();
    const path = writeCsv(join(tmp.dir, 'complaints.csv'), rows());
    await ingestFile(tmp.db, { kind: 'complaints', source: { path, format: detectFormat(path) }, actor: 'test' });
  });
  afterAll(async () => {
    await workers.close();
    await tmp.cleanup();
  });

  it('flags a burst of five in a quiet village (p <= 0.01) that the rule does not see', async () => {
    const { signals } = await scanSignals(tmp.db, { category: 'no_signal', replicates: 999, workers });
    const village = signals.find((s) => s.hexes.includes(VILLAGE));
    console.info(
      `power (quiet village, 5 in an hour): p = ${village?.p_value}, ` +
        `RI = ${village?.recurrence_interval_days?.toFixed(1)} days`,
    );
    expect(village).toBeDefined();
    expect(village!.p_value).toBeLessThanOrEqual(0.01);
    expect(village!.observed).toBeGreaterThanOrEqual(5);
    expect(village!.incident_ids).toEqual([]);
    expect(village!.end).toBe(new Date(AT).toISOString());
    expect(await listIncidents(tmp.db, { category: 'no_signal' })).toEqual([]);
  });

  it('finds a routine six downtown not significant (p > 0.05) while the rule opens an incident', async () => {
    await scanSignals(tmp.db, { category: 'slow_data', replicates: 999, workers });
    const latest = (await listIncidents(tmp.db, { category: 'slow_data', from: new Date(AT - HOUR).toISOString() }))[0];
    expect(latest).toBeDefined();
    expect(latest!.hexes).toEqual([BUSY]);
    console.info(`busy hexagon: incident ${latest!.incident_id} significance ${JSON.stringify(latest!.significance)}`);
    expect(latest!.significance).not.toBeNull();
    expect(latest!.significance!.p_value).toBeGreaterThan(0.05);
    const { signals } = await scanSignals(tmp.db, { category: 'slow_data', replicates: 999, workers });
    expect(signals.filter((s) => s.hexes.includes(BUSY) && s.p_value <= 0.05)).toEqual([]);
  });

  it('stores an analysis as a change of incidents only: rate, hexagon and coverage answers stay cached', async () => {
    const others = tmp.db.versionOf(['complaints', 'subscribers', 'sites', 'events', 'targets']);
    const incidents = tmp.db.versionOf(['incidents']);
    await scanSignals(tmp.db, { category: 'no_signal', replicates: 99, seed: 7, workers });
    expect(tmp.db.versionOf(['complaints', 'subscribers', 'sites', 'events', 'targets'])).toBe(others);
    expect(tmp.db.versionOf(['incidents'])).not.toBe(incidents);
  });

  it('reads a stored analysis back unchanged; an overlapping signal of a later analysis is ongoing', async () => {
    const first = await scanSignals(tmp.db, { category: 'no_signal', replicates: 999, workers });
    const again = await scanSignals(tmp.db, { category: 'no_signal', replicates: 999, workers });
    expect(again.ran).toBe(false);
    expect(again.signals).toEqual(first.signals);
    const later = await scanSignals(tmp.db, {
      category: 'no_signal',
      replicates: 999,
      workers,
      at: new Date(AT + 10 * 60_000).toISOString(),
    });
    const village = later.signals.find((s) => s.hexes.includes(VILLAGE));
    expect(village?.status).toBe('ongoing');
    expect(first.signals.find((s) => s.hexes.includes(VILLAGE))?.status).toBe('new');
  });

  it('prints the stored analysis through cellpulse scan (JSON, CSV), refusing under 999 replicates', async () => {
    const stored = await scanSignals(tmp.db, { category: 'no_signal', replicates: 999, workers });
    await tmp.db.close();
    const json = await runCli(['scan', '--db', tmp.path, '--category', 'no_signal', '--format', 'json'], 60_000);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(stored.signals);
    const csv = await runCli(['scan', '--db', tmp.path, '--category', 'no_signal', '--format', 'csv'], 60_000);
    expect(csv.stdout.split('\n')[0]).toBe(
      'signal_id,category,start,end,observed,expected,llr,p_value,recurrence_interval_days,status,hexes,incident_ids',
    );
    expect(csv.stdout.trim().split('\n')).toHaveLength(stored.signals.length + 1);
    const refused = await runCli(['scan', '--db', tmp.path, '--replicates', '10'], 60_000);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('replicates');
    await tmp.reopen();
  });
});
