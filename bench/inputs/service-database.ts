import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { ingest } from '../../ingest/ingest.js';
import { Database } from '../../store/database.js';
import { runCase } from '../harness/child-case.js';
import { stringArg, type CaseArgs, type Measured } from '../harness/case-types.js';
import { DATA_DIR } from '../harness/paths.js';
import { sizeLabel } from '../harness/stats.js';
import { ensureComplaintFiles } from './complaint-files.js';
import { readInputMeta, writeInputMeta } from './input-meta.js';
import { SITES_CSV, SUBSCRIBERS_CSV } from './site-layout.js';

/** Complaints per chunk: a month of the bench's density, one `ingestFile` transaction each. */
export const CHUNK_SIZE = 1_000_000;

/** What a service database holds and how it was built; `chunks` grows as the build goes (resumable). */
export interface ServiceDatabase {
  path: string;
  size: number;
  generator: string;
  /** Chunks ingested so far (the database is whole after each: one transaction per chunk). */
  chunks: number;
  complaints: number;
  incidents: number;
  /** Wall time of each chunk's ingest, ms. */
  chunkMs: number[];
}

export function serviceDatabasePath(size: number): string {
  return `${DATA_DIR}service-${size}.duckdb`;
}

/**
 * A database as a service that has run for `size / 1M` months holds it: sites, subscribers, then
 * the complaints month by month through `ingestFile` — what `cellpulse ingest` runs, so incidents,
 * routes, aggregates and the alert log are all there. Cached under bench/.data and resumed chunk by
 * chunk; a 10M database starts from a copy of the 1M one (its first month).
 */
export async function ensureServiceDatabase(size: number, log: (line: string) => void): Promise<ServiceDatabase> {
  const chunks = Math.max(1, Math.ceil(size / CHUNK_SIZE));
  const chunkSize = Math.min(size, CHUNK_SIZE);
  const generator = `service-1:${(await ensureComplaintFiles(chunkSize, log)).generator}`;
  const path = serviceDatabasePath(size);
  let meta = readMeta(path);
  if (meta?.generator !== generator || !existsSync(path)) meta = await startDatabase(size, chunks, generator, log);
  while (meta.chunks < chunks) {
    const files = await ensureComplaintFiles(chunkSize, log, false, meta.chunks);
    log(`service ${sizeLabel(size)}: ingesting chunk ${meta.chunks + 1} of ${chunks} (${files.csv})`);
    const outcome = await runCase('ingest-service-chunk', { path, csv: files.csv }, { timeoutMs: 60 * 60_000 });
    if (outcome.status !== 'ok' || !outcome.measured) throw new Error(`could not ingest a chunk: ${outcome.message}`);
    meta = {
      ...meta,
      chunks: meta.chunks + 1,
      complaints: Number(outcome.measured.complaints),
      incidents: Number(outcome.measured.incidents),
      chunkMs: [...meta.chunkMs, outcome.measured.ms],
    };
    writeMeta(meta);
  }
  return meta;
}

/** A fresh database with the sites and subscribers, or (when more than one chunk) a copy of the 1M one. */
async function startDatabase(
  size: number,
  chunks: number,
  generator: string,
  log: (line: string) => void,
): Promise<ServiceDatabase> {
  const path = serviceDatabasePath(size);
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true });
  if (chunks > 1) {
    const first = await ensureServiceDatabase(CHUNK_SIZE, log);
    copyFileSync(first.path, path);
    const meta = { ...first, path, size };
    writeMeta(meta);
    return meta;
  }
  const outcome = await runCase('create-service-database', { path });
  if (outcome.status !== 'ok') throw new Error(`could not create the service database: ${outcome.message}`);
  const meta: ServiceDatabase = { path, size, generator, chunks: 0, complaints: 0, incidents: 0, chunkMs: [] };
  writeMeta(meta);
  return meta;
}

async function createServiceDatabase(args: CaseArgs): Promise<Measured> {
  const started = performance.now();
  const db = await Database.open(stringArg(args, 'path'));
  try {
    await ingest(db, { kind: 'sites', source: { path: SITES_CSV, format: 'csv' }, actor: 'bench' });
    await ingest(db, { kind: 'subscribers', source: { path: SUBSCRIBERS_CSV, format: 'csv' }, actor: 'bench' });
  } finally {
    await db.close();
  }
  return { ms: performance.now() - started, rows: 0 };
}

/** One chunk through the service path (incident refresh, triage, aggregates, alert log) and a clean close. */
async function ingestServiceChunk(args: CaseArgs): Promise<Measured> {
  const { ingestFile } = await import('../../api/services/ingest-service.js');
  const db = await Database.open(stringArg(args, 'path'));
  const started = performance.now();
  try {
    const summary = await ingestFile(db, {
      kind: 'complaints',
      source: { path: stringArg(args, 'csv'), format: 'csv' },
      actor: 'bench',
    });
    const ms = performance.now() - started;
    const counts = await db.all(
      'SELECT (SELECT count(*) FROM complaints) AS complaints, (SELECT count(*) FROM incidents) AS incidents',
    );
    const [complaints, incidents] = [Number(counts[0]?.complaints), Number(counts[0]?.incidents)];
    return { ms, rows: summary.total, complaints, incidents };
  } finally {
    await db.close();
  }
}

function readMeta(path: string): ServiceDatabase | undefined {
  return readInputMeta<ServiceDatabase>(`${path}.meta.json`);
}

function writeMeta(meta: ServiceDatabase): void {
  writeInputMeta(`${meta.path}.meta.json`, meta);
}

export const serviceDatabaseCases = {
  'create-service-database': createServiceDatabase,
  'ingest-service-chunk': ingestServiceChunk,
};
