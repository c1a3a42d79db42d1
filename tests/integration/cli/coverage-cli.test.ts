import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteCandidates, type SiteCandidate } from '../../../analytics/coverage/site-candidates.js';
import { weakCoverage, type WeakCoverageHex } from '../../../analytics/coverage/weak-coverage.js';
import { SiteCandidateRow, WeakCoverageRow } from '../../../domain/coverage.js';
import { Database } from '../../../store/database.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir, TEST_SETTINGS } from '../../helpers/tmp-db.js';
import { hexCentreOf, holePoint, ingestArea, RANKED_STATUSES } from '../analytics/coverage-fixture.js';

let dir: string;
let file: string;
let expectedHexes: WeakCoverageHex[];
let expectedCandidates: SiteCandidate[];
beforeAll(async () => {
  dir = makeTmpDir('cellpulse-coverage-cli-');
  file = join(dir, 'coverage.duckdb');
  const db = await Database.open(file, { settings: TEST_SETTINGS });
  try {
    await ingestArea(db);
    // Computed in-process on the same file: the CLI must print the same thing.
    expectedHexes = await weakCoverage(db, { limit: 5 });
    expectedCandidates = await siteCandidates(db);
  } finally {
    await db.close();
  }
});
afterAll(() => removeDir(dir));

function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('cellpulse coverage', () => {
  it('prints the ranked hexagons as JSON, the hole first', async () => {
    const result = await runCli(['coverage', '--db', file, '--limit', '5']);
    expect(result.code, result.stderr).toBe(0);
    const hexes = JSON.parse(result.lastLine) as WeakCoverageHex[];
    expect(hexes[0]!.h3).toBe(hexCentreOf(holePoint('A')).h3);
    expect(hexes).toEqual(asJson(expectedHexes));
  });

  it('prints CSV with a header row and GeoJSON polygons', async () => {
    const csv = await runCli(['coverage', '--db', file, '--limit', '5', '--format', 'csv', '--technology', 'LTE']);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(Object.keys(WeakCoverageRow.shape).join(','));
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`${hexCentreOf(holePoint('A')).h3},`);
    expect(lines[1]).toContain(',12,3,4,LTE,LTE:12,');
    const geo = await runCli(['coverage', '--db', file, '--limit', '2', '--format', 'geojson']);
    expect(geo.code, geo.stderr).toBe(0);
    const collection = JSON.parse(geo.lastLine) as { type: string; features: { geometry: { type: string } }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'Polygon']);
  });

  it('exits 2 with a message on bad flags', async () => {
    const cases = [
      ['--limit', '0'],
      ['--min-complaints', 'x'],
      ['--from', 'yesterday'],
      ['--technology', '5G'],
    ];
    const results = await Promise.all(cases.map((args) => runCli(['coverage', '--db', file, ...args])));
    for (const [i, result] of results.entries()) {
      expect(result.code, cases[i]!.join(' ')).toBe(2);
      expect(result.stderr.length).toBeGreaterThan(0);
      expect(result.stdout).toBe('');
    }
  });
});

describe('cellpulse sites', () => {
  it('prints the site candidates as JSON, proposed first', async () => {
    const result = await runCli(['sites', '--db', file]);
    expect(result.code, result.stderr).toBe(0);
    const candidates = JSON.parse(result.lastLine) as SiteCandidate[];
    expect(candidates).toEqual(asJson(expectedCandidates));
    expect(candidates.map((c) => c.status)).toEqual(RANKED_STATUSES);
  });

  it('prints CSV and GeoJSON MultiPolygons', async () => {
    const csv = await runCli(['sites', '--db', file, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(Object.keys(SiteCandidateRow.shape).join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expectedCandidates.map((c) => c.candidate_id));
    const geo = await runCli(['sites', '--db', file, '--format', 'geojson']);
    const collection = JSON.parse(geo.lastLine) as { features: { id: string; geometry: { type: string } }[] };
    expect(collection.features.map((f) => f.id)).toEqual(expectedCandidates.map((c) => c.candidate_id));
    expect(new Set(collection.features.map((f) => f.geometry.type))).toEqual(new Set(['MultiPolygon']));
  });

  it('exits 2 on a bad threshold', async () => {
    const result = await runCli(['sites', '--db', file, '--min-complaints', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('min_complaints');
  });
});
