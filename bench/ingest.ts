import { DuckDBInstance } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import { existsSync, rmSync } from 'node:fs';
import { ingest, type IngestRequest, type IngestStage, type IngestSummary } from '../ingest/ingest.js';
import { Database } from '../store/database.js';
import { runCase } from './harness/child-case.js';
import { stringArg, type CaseArgs, type Measured } from './harness/case-types.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { ensureDir, ROOT_DIR, SCRATCH_DIR } from './harness/paths.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { ensureComplaintFiles } from './inputs/complaint-files.js';
import { formatCount, formatDuration, formatMb, formatRatio, sizeLabel } from './harness/stats.js';

const RESOLUTION = 8;
const FORMATS = ['csv', 'parquet'] as const;
type Format = (typeof FORMATS)[number];
export const INGEST_TARGETS = { maxRatio: 1.5, minRowsPerSec: 500_000 };

function scratchDb(tag: string): string {
  const path = `${ensureDir(SCRATCH_DIR)}${tag}-${process.pid}.duckdb`;
  removeDb(path);
  return path;
}

function removeDb(path: string): void {
  for (const suffix of ['', '.wal', '.tmp']) rmSync(path + suffix, { force: true, recursive: true });
}

type IngestFn = (db: Database, request: IngestRequest) => Promise<IngestSummary>;

/** cellpulse: validate, locate (H3 on worker threads), upsert, in one transaction into a fresh database file. */
function ingestCellpulse(args: CaseArgs): Promise<Measured> {
  return timeIngest(args, ingest);
}

/** What the CLI and the API run: the same ingest plus the incident refresh in its transaction. */
async function ingestFileCellpulse(args: CaseArgs): Promise<Measured> {
  // Loaded here, not at the top: it pulls in the cluster detector, which the other cases do not need.
  const { ingestFile } = await import('../api/services/ingest-service.js');
  return timeIngest(args, ingestFile);
}

/** The CLI path with triage off (complaints stored unrouted): issue 16's budget compares the two. */
async function ingestFileUntriaged(args: CaseArgs): Promise<Measured> {
  const { ingestFile } = await import('../api/services/ingest-service.js');
  return timeIngest(args, (db, request) => ingestFile(db, { ...request, triage: false }));
}

async function timeIngest(args: CaseArgs, run: IngestFn): Promise<Measured> {
  const path = scratchDb('ingest');
  const db = await Database.open(path, { settings: { h3Resolution: RESOLUTION } });
  const marks: [IngestStage, number][] = [];
  const onProgress = (stage: IngestStage): void => {
    if (marks.at(-1)?.[0] !== stage) marks.push([stage, performance.now()]);
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  let summary: IngestSummary;
  try {
    summary = await run(db, {
      kind: 'complaints',
      source: { path: stringArg(args, 'file'), format: stringArg(args, 'format') as Format },
      onProgress,
      actor: 'bench',
    });
  } catch (error) {
    await db.close();
    removeDb(path);
    throw error;
  }
  const ended = performance.now();
  const used = process.cpuUsage(cpu);
  // Untimed: how many incidents the file made (0 through the plain ingest, which detects none).
  const incidents = Number((await db.all('SELECT count(*) AS n FROM incidents'))[0]?.n ?? 0);
  await db.close();
  const closeMs = performance.now() - ended;
  removeDb(path);
  // ingest() reports 'locate' only after its first batch is done, so check and locate are timed as one.
  const at = (stage: IngestStage): number | undefined => marks.find(([s]) => s === stage)?.[1];
  const stagesMs = {
    read: (at('check') ?? ended) - (at('read') ?? started),
    checkLocate: (at('write') ?? ended) - (at('check') ?? ended),
    write: ended - (at('write') ?? ended),
  };
  const cpuMs = (used.user + used.system) / 1000;
  const { total: rows, accepted, updated, rejected } = summary;
  return { ms: ended - started, cpuMs, incidents, rows, accepted, updated, rejected, closeMs, stagesMs };
}

/**
 * The peer: what DuckDB alone does with the same file (`CREATE TABLE AS SELECT * FROM read_*`)
 * plus a bare single-threaded h3-js loop over the same points; the points are read out of the
 * table between the two timed spans, untimed.
 */
async function ingestPeer(args: CaseArgs): Promise<Measured> {
  const path = scratchDb('peer');
  const file = stringArg(args, 'file');
  const reader = stringArg(args, 'format') === 'csv' ? 'read_csv' : 'read_parquet';
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await conn.run(`CREATE TABLE t AS SELECT * FROM ${reader}('${file.replaceAll("'", "''")}')`);
  const ctasMs = performance.now() - started;
  const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM t')).getRowsJS()[0]?.[0]);
  const { lats, lons } = await readPoints(conn);
  const h3Started = performance.now();
  const cells = new Array<string>(lats.length);
  for (let i = 0; i < lats.length; i += 1) cells[i] = latLngToCell(lats[i]!, lons[i]!, RESOLUTION);
  const h3Ms = performance.now() - h3Started;
  const used = process.cpuUsage(cpu);
  const closeStarted = performance.now();
  conn.closeSync();
  instance.closeSync();
  const closeMs = performance.now() - closeStarted;
  removeDb(path);
  // CPU of the whole span (the untimed read-out included): a loaded machine's fairer figure.
  const cpuMs = (used.user + used.system) / 1000;
  return { ms: ctasMs + h3Ms, cpuMs, rows, ctasMs, h3Ms, points: cells.length, closeMs };
}

async function readPoints(
  conn: Awaited<ReturnType<DuckDBInstance['connect']>>,
): Promise<{ lats: Float64Array; lons: Float64Array }> {
  const where = 'WHERE lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180';
  const count = Number((await conn.runAndReadAll(`SELECT count(*) FROM t ${where}`)).getRowsJS()[0]?.[0]);
  const lats = new Float64Array(count);
  const lons = new Float64Array(count);
  const result = await conn.stream(`SELECT lat::DOUBLE, lon::DOUBLE FROM t ${where}`);
  let offset = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    lats.set(chunk.getColumnValues(0) as number[], offset);
    lons.set(chunk.getColumnValues(1) as number[], offset);
    offset += chunk.rowCount;
  }
  return { lats, lons };
}

export const ingestCases = {
  'ingest-cellpulse': ingestCellpulse,
  'ingest-file-cellpulse': ingestFileCellpulse,
  'ingest-file-untriaged': ingestFileUntriaged,
  'ingest-peer': ingestPeer,
};

export interface IngestRecord {
  size: number;
  format: Format;
  /** `dense`: the file with about six incidents per 1,000 complaints, ingested by the CLI path (ingestFile). */
  dataset?: 'dense';
  rows: number;
  cellpulse: Summary;
  peer: Summary;
  /** `ingestFile` (what the CLI and API run: ingest + incident refresh), CSV only. */
  service?: Summary;
  /** The dense file through `ingestFile` with triage off (when measured: the live section). */
  untriaged?: Summary;
  ratio?: number;
  rowsPerSec?: number;
  peerRowsPerSec?: number;
  /** Median time per input row, µs (the scaling line). */
  usPerRow?: number;
}

const HEADERS = [
  'size',
  ' format',
  'cellpulse',
  'rows/s',
  'peak RSS',
  'peer (CTAS + h3)',
  'CTAS',
  'h3 loop',
  'peer rows/s',
  'peer RSS',
  'ratio',
  ' cellpulse stages read / check+locate / write',
  'CLI path (ingestFile)',
  'CLI path / peer',
];

/** 1. Ingest: cellpulse vs DuckDB CTAS + a bare h3-js loop, CSV and Parquet, at every size. */
export async function runIngestBench(ctx: BenchContext): Promise<Section> {
  const section = emptySection(
    'ingest',
    '1. Ingest (CSV and Parquet → validated, H3-indexed, upserted) vs DuckDB CTAS + bare h3-js loop',
    HEADERS,
  );
  for (const size of ctx.sizes) {
    const files = await ctx.files(size);
    for (const format of FORMATS) {
      const file = format === 'csv' ? files.csv : files.parquet;
      const label = `ingest ${sizeLabel(size)} ${format}`;
      // The CLI/API path (ingest + incident refresh) is measured on CSV only, to keep the run short.
      const withService = format === 'csv' && existsSync(`${ROOT_DIR}api/services/ingest-service.ts`);
      const [cellpulse, peer, service] = await interleave(
        ctx.repeatsFor(size),
        [
          { label: `${label} cellpulse`, run: () => runCase('ingest-cellpulse', { file, format }) },
          { label: `${label} peer`, run: () => runCase('ingest-peer', { file, format }) },
          ...(withService
            ? [
                {
                  label: `${label} cellpulse ingestFile`,
                  run: () => runCase('ingest-file-cellpulse', { file, format }),
                },
              ]
            : []),
        ],
        ctx.log,
      );
      const record = ingestRecord(size, format, files.rows, cellpulse!, peer!, service);
      section.records.push(record);
      section.rows.push(ingestRow(record));
      addTargets(section, record, file);
    }
    section.records.push(await denseRecord(ctx, size));
    section.rows.push(ingestRow(section.records.at(-1) as IngestRecord));
    addTargets(section, section.records.at(-1) as IngestRecord, (await ensureComplaintFiles(size, ctx.log, true)).csv);
  }
  section.notes.push(
    'cellpulse = `ingest(db, {kind: "complaints"})` into a fresh database file: read, per-row checks ' +
      'with reasons, GCJ/H3 location on worker threads, keyed upsert, run bookkeeping, one transaction ' +
      '(the close/checkpoint afterwards is not timed, for either side).',
    'peer = `CREATE TABLE t AS SELECT * FROM read_csv|read_parquet(file)` into a fresh database file, ' +
      'plus a single-threaded `latLngToCell` loop over the same in-range points (read out of the table ' +
      'untimed). ratio = cellpulse / peer; targets: ratio ≤ 1.5×, ≥ 500k rows/s.',
    'CLI path = `ingestFile` (api/services/ingest-service.ts), what `cellpulse ingest` and the HTTP ingest ' +
      'routes run: the same ingest plus the incident refresh (cluster detection over the ingested time range) ' +
      'inside its transaction; measured on CSV only, interleaved with the other two.',
    'The file has 0.5% repeated ids (updates), 2% rows without a point, 0.05% rows with an ' +
      'out-of-range latitude (rejected by cellpulse, kept by the peer).',
    'csv dense = the same generator with bursts making about six incidents per 1,000 ' +
      'complaints (the usual file: about one), ingested by the CLI path (`ingestFile`, ' +
      'incidents written and read back) beside the same peer.',
  );
  return section;
}

/**
 * The dense file through the CLI path (ingestFile) beside the peer on the same file, interleaved;
 * `withUntriaged` adds the same path with triage off (issue 16: triage within 10 % of it).
 */
export async function denseRecord(ctx: BenchContext, size: number, withUntriaged = false): Promise<IngestRecord> {
  const files = await ensureComplaintFiles(size, ctx.log, true);
  const label = `ingest ${sizeLabel(size)} csv dense`;
  const args = { file: files.csv, format: 'csv' };
  const [cellpulse, peer, untriaged] = await interleave(
    ctx.repeatsFor(size),
    [
      { label: `${label} cellpulse ingestFile`, run: () => runCase('ingest-file-cellpulse', args) },
      { label: `${label} peer`, run: () => runCase('ingest-peer', args) },
      ...(withUntriaged ? [{ label: `${label} triage off`, run: () => runCase('ingest-file-untriaged', args) }] : []),
    ],
    ctx.log,
  );
  const record = ingestRecord(size, 'csv', files.rows, cellpulse!, peer!);
  return { ...record, dataset: 'dense', ...(untriaged ? { untriaged } : {}) };
}

function ingestRecord(
  size: number,
  format: Format,
  rows: number,
  cellpulse: Summary,
  peer: Summary,
  service?: Summary,
): IngestRecord {
  const record: IngestRecord = { size, format, rows, cellpulse, peer, ...(service ? { service } : {}) };
  if (cellpulse.ms !== undefined) {
    record.rowsPerSec = rows / (cellpulse.ms / 1000);
    record.usPerRow = (cellpulse.ms * 1000) / rows;
  }
  if (peer.ms !== undefined) record.peerRowsPerSec = rows / (peer.ms / 1000);
  if (cellpulse.ms !== undefined && peer.ms !== undefined) record.ratio = cellpulse.ms / peer.ms;
  return record;
}

function ingestRow(r: IngestRecord): string[] {
  const stages = (r.cellpulse.measured?.stagesMs ?? {}) as Record<string, number>;
  const stageText = ['read', 'checkLocate', 'write'].map((s) => formatDuration(stages[s])).join(' / ');
  return [
    sizeLabel(r.size),
    r.dataset ? `${r.format} ${r.dataset}` : r.format,
    statusText(r.cellpulse),
    formatCount(r.rowsPerSec),
    formatMb(r.cellpulse.rssMb),
    statusText(r.peer),
    formatDuration(r.peer.measured?.ctasMs as number | undefined),
    formatDuration(r.peer.measured?.h3Ms as number | undefined),
    formatCount(r.peerRowsPerSec),
    formatMb(r.peer.rssMb),
    formatRatio(r.ratio),
    stageText,
    r.service ? statusText(r.service) : '—',
    r.service?.ms !== undefined && r.peer.ms !== undefined ? formatRatio(r.service.ms / r.peer.ms) : '—',
  ];
}

function addTargets(section: Section, r: IngestRecord, file: string): void {
  const profile = {
    caseName: r.dataset ? 'ingest-file-cellpulse' : 'ingest-cellpulse',
    args: { file, format: r.format },
    size: r.size,
  };
  const what = `ingest ${sizeLabel(r.size)} ${r.format}${r.dataset ? ` ${r.dataset} (CLI path)` : ''}`;
  section.targets.push(
    {
      name: `${what}: ratio to DuckDB CTAS + h3 loop`,
      goal: `≤ ${INGEST_TARGETS.maxRatio}×`,
      measured: formatRatio(r.ratio),
      met: r.ratio === undefined ? null : r.ratio <= INGEST_TARGETS.maxRatio,
      profile,
    },
    {
      name: `${what}: throughput`,
      goal: `≥ ${formatCount(INGEST_TARGETS.minRowsPerSec)} rows/s`,
      measured: `${formatCount(r.rowsPerSec)} rows/s`,
      met: r.rowsPerSec === undefined ? null : r.rowsPerSec >= INGEST_TARGETS.minRowsPerSec,
      profile,
    },
  );
}
