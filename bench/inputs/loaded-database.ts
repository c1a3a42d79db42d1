import { existsSync, rmSync } from 'node:fs';
import { latLngToCell } from 'h3-js';
import { ingest } from '../../ingest/ingest.js';
import { Database } from '../../store/database.js';
import { runCase } from '../harness/child-case.js';
import { numberArg, stringArg, type CaseArgs, type Measured } from '../harness/case-types.js';
import { DATA_DIR } from '../harness/paths.js';
import type { ComplaintFiles } from './complaint-files.js';
import { readInputMeta, writeInputMeta } from './input-meta.js';
import { SITES_CSV, SUBSCRIBERS_CSV } from './site-layout.js';

export interface LoadedDatabase {
  path: string;
  size: number;
  /** Generator of the complaints it holds. */
  generator: string;
  complaints: number;
  sites: number;
  /** "cellpulse ingest", or the fallback and why it was needed. */
  sitesLoadedBy: string;
}

export function loadedDatabasePath(size: number): string {
  return `${DATA_DIR}loaded-${size}.duckdb`;
}

/** Sites, subscribers and the complaints of one size, ingested by cellpulse into a fresh database. */
async function loadDatabase(args: CaseArgs): Promise<Measured> {
  const path = stringArg(args, 'path');
  const started = performance.now();
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true });
  const db = await Database.open(path);
  const sites = await loadSites(db);
  await ingest(db, { kind: 'subscribers', source: { path: SUBSCRIBERS_CSV, format: 'csv' }, actor: 'bench' });
  const complaints = await ingest(db, {
    kind: 'complaints',
    source: { path: stringArg(args, 'csv'), format: 'csv' },
    actor: 'bench',
  });
  await db.close();
  return {
    ms: performance.now() - started,
    rows: complaints.total,
    ...sites,
    complaints: complaints.accepted,
    size: numberArg(args, 'size'),
  };
}

/**
 * Sites through cellpulse's ingest; if that fails, straight into `cell_sites` (H3 by h3-js) so the
 * queries still see the layout, and the failure is reported with the results.
 */
async function loadSites(db: Database): Promise<{ sites: number; sitesLoadedBy: string }> {
  try {
    const summary = await ingest(db, { kind: 'sites', source: { path: SITES_CSV, format: 'csv' }, actor: 'bench' });
    return { sites: summary.accepted, sitesLoadedBy: 'cellpulse ingest' };
  } catch (error) {
    const reason = String((error as Error).message).split('\n')[0];
    const sites = await db.write(async (conn) => {
      const rows = (
        await conn.runAndReadAll(`SELECT * FROM read_csv($p, header = true, all_varchar = true)`, { p: SITES_CSV })
      ).getRowObjectsJS();
      const appender = await conn.createAppender('cell_sites');
      for (const r of rows) {
        const [lat, lon] = [Number(r.lat), Number(r.lon)];
        for (const text of [r.cell_id, r.site_id, r.city, r.technology]) appender.appendVarchar(String(text));
        appender.appendDouble(lat);
        appender.appendDouble(lon);
        appender.appendNull();
        appender.appendVarchar(String(r.status));
        appender.appendVarchar(latLngToCell(lat, lon, db.settings.h3Resolution));
        appender.appendBigInt(0n);
        appender.endRow();
      }
      appender.closeSync();
      return rows.length;
    });
    return { sites, sitesLoadedBy: `bench fallback (cellpulse ingest of sites failed: ${reason})` };
  }
}

/** A database loaded with `files`, reused when one from the same generated files exists. */
export async function ensureLoadedDatabase(
  files: ComplaintFiles,
  log: (line: string) => void,
): Promise<LoadedDatabase> {
  const path = loadedDatabasePath(files.size);
  const metaPath = `${path}.meta.json`;
  const meta = readInputMeta<LoadedDatabase>(metaPath);
  if (meta?.generator === files.generator && existsSync(path)) return meta;
  log(`loading ${files.size} complaints, the sites and subscribers into ${path}`);
  const outcome = await runCase('load-database', { path, csv: files.csv, size: files.size });
  if (outcome.status !== 'ok' || !outcome.measured) throw new Error(`could not load the database: ${outcome.message}`);
  const loaded: LoadedDatabase = {
    path,
    size: files.size,
    generator: files.generator,
    complaints: Number(outcome.measured.complaints),
    sites: Number(outcome.measured.sites),
    sitesLoadedBy: String(outcome.measured.sitesLoadedBy),
  };
  writeInputMeta(metaPath, loaded);
  return loaded;
}

export const loadedDatabaseCases = { 'load-database': loadDatabase };
