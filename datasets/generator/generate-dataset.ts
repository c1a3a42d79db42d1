import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CellpulseError } from '../../domain/errors.js';
import { BackgroundGuard } from './background-guard.js';
import { BackgroundPlacer } from './background-placer.js';
import { loadCities } from './cities.js';
import { ComplaintMix } from './complaint-mix.js';
import { naturalVolume, writeComplaints, type ComplaintCounts } from './complaint-stream.js';
import { CsvFileWriter } from './csv-file-writer.js';
import { buildEvents, type NetworkEventRow } from './network-events.js';
import { csvToParquet } from './parquet-export.js';
import { PARQUET_COLUMNS, type DataFile } from './parquet-columns.js';
import { buildPeriod, formatLocal } from './period.js';
import { Prng } from './prng.js';
import { planScenarios } from './scenarios.js';
import { buildSiteLayout, type SiteLayout } from './site-layout.js';
import { buildSubscribers, MISSING_SUBSCRIBERS, type SubscriberRow } from './subscriber-counts.js';

export interface DatasetOptions {
  /** Directory to write into (created if missing; files of the same names are replaced). */
  out: string;
  seed?: number;
  /** Rows of complaints.csv, scenarios included; default: the period's volume at realistic rates. */
  complaints?: number;
  /** First local day, YYYY-MM-DD. */
  from?: string;
  months?: number;
  format?: 'csv' | 'parquet';
  /** The H3 resolution the no-cluster background and the scenarios are built for (the database's). */
  h3Resolution?: number;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_DATASET_OPTIONS = {
  seed: 42,
  from: '2026-10-01',
  months: 1,
  format: 'csv',
  h3Resolution: 8,
} as const;

export interface DatasetSummary {
  out: string;
  seed: number;
  from: string;
  to: string;
  months: string[];
  h3_resolution: number;
  format: 'csv' | 'parquet';
  files: Record<DataFile | 'ground_truth', string>;
  cells: number;
  sites: number;
  subscriber_rows: number;
  events: number;
  complaints: ComplaintCounts;
  /** The city × technology deliberately without subscriber rows. */
  missing_subscribers: { city: string; technology: string };
  coverage_holes: { city: string; lat: number; lon: number; radius_km: number; event: string | null }[];
  elapsed_ms: number;
  complaints_per_second: number;
}

/**
 * Writes a deterministic synthetic Heilongjiang data set (sites, subscribers, events, complaints
 * and ground_truth.csv) into `options.out`: the same seed and options give byte-identical CSV files.
 * @throws CellpulseError invalid_parameter for bad options (a complaint count below the scenarios' size).
 */
export async function generateDataset(options: DatasetOptions): Promise<DatasetSummary> {
  const started = performance.now();
  const o = resolveOptions(options);
  const period = buildPeriod(o.from, o.months);
  const cities = loadCities();
  const layout = buildSiteLayout(cities, o.seed, o.h3Resolution);
  const subscribers = buildSubscribers(cities, period.months, o.seed);
  const mix = new ComplaintMix(subscribers);
  const scenarios = planScenarios({
    cities,
    layout,
    period,
    seed: o.seed,
    h3Resolution: o.h3Resolution,
    drawTechnology: (city, prng) => mix.drawTechnology(period.months[0]!, city, prng),
  });
  const total = o.complaints ?? Math.round(naturalVolume(period, mix));
  if (!Number.isInteger(total) || total < scenarios.complaints.length) {
    throw new CellpulseError(
      'invalid_parameter',
      `--complaints must be an integer of at least ${scenarios.complaints.length} (the injected scenarios)`,
      o.complaints,
    );
  }
  const out = resolve(o.out);
  mkdirSync(out, { recursive: true });
  const csv = (file: DataFile): string => join(out, o.format === 'csv' ? `${file}.csv` : `.${file}.csv.tmp`);
  const events = buildEvents(layout, period, o.seed);
  await writeReferenceFiles(csv, layout, subscribers.written, events);
  const placer = new BackgroundPlacer(
    layout,
    new BackgroundGuard(scenarios.zones),
    o.h3Resolution,
    Prng.stream(o.seed, 'placement'),
  );
  const counts = await writeComplaints(
    {
      period,
      mix,
      placer,
      scenarios: scenarios.complaints,
      background: total - scenarios.complaints.length,
      seed: o.seed,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    },
    csv('complaints'),
    join(out, 'ground_truth.csv'),
  );
  const files = await finishFormat(out, o.format, csv);
  const elapsed = performance.now() - started;
  return {
    out,
    seed: o.seed,
    from: formatLocal(period.fromMs),
    to: formatLocal(period.toMs),
    months: period.months,
    h3_resolution: o.h3Resolution,
    format: o.format,
    files,
    ...layoutSummary(layout),
    subscriber_rows: subscribers.written.length,
    events: events.length,
    complaints: counts,
    elapsed_ms: Math.round(elapsed),
    complaints_per_second: Math.round(counts.total / (elapsed / 1000)),
  };
}

function layoutSummary(
  layout: SiteLayout,
): Pick<DatasetSummary, 'cells' | 'sites' | 'missing_subscribers' | 'coverage_holes'> {
  return {
    cells: layout.cells.length,
    sites: new Set(layout.cells.map((c) => c.site_id)).size,
    missing_subscribers: MISSING_SUBSCRIBERS,
    coverage_holes: layout.holes.map((h) => ({
      city: h.city,
      lat: h.lat,
      lon: h.lon,
      radius_km: h.radiusKm,
      event: h.event,
    })),
  };
}

type ResolvedOptions = Required<Omit<DatasetOptions, 'complaints' | 'onProgress'>> &
  Pick<DatasetOptions, 'complaints' | 'onProgress'>;

function resolveOptions(options: DatasetOptions): ResolvedOptions {
  const o = { ...DEFAULT_DATASET_OPTIONS, ...options };
  if (!Number.isInteger(o.seed)) throw new CellpulseError('invalid_parameter', '--seed must be an integer', o.seed);
  if (!Number.isInteger(o.h3Resolution) || o.h3Resolution < 5 || o.h3Resolution > 12) {
    throw new CellpulseError('invalid_parameter', '--res must be an integer from 5 to 12', o.h3Resolution);
  }
  if (o.format !== 'csv' && o.format !== 'parquet')
    throw new CellpulseError('invalid_parameter', '--format must be csv or parquet', o.format);
  return o;
}

/** sites, subscribers and events: small, written straight from memory. */
async function writeReferenceFiles(
  csv: (file: DataFile) => string,
  layout: SiteLayout,
  subscribers: readonly SubscriberRow[],
  events: readonly NetworkEventRow[],
): Promise<void> {
  await writeRows(
    csv('sites'),
    PARQUET_COLUMNS.sites,
    layout.cells.map((c) => [
      c.cell_id,
      c.site_id,
      c.city,
      c.technology,
      c.lat.toFixed(6),
      c.lon.toFixed(6),
      c.azimuth,
      c.status,
    ]),
  );
  await writeRows(
    csv('subscribers'),
    PARQUET_COLUMNS.subscribers,
    subscribers.map((r) => [r.city, r.technology, r.month, r.subscribers]),
  );
  await writeRows(
    csv('events'),
    PARQUET_COLUMNS.events,
    events.map((e) => [
      e.event_id,
      e.cell_id,
      e.lat?.toFixed(6),
      e.lon?.toFixed(6),
      e.radius_m,
      e.kind,
      formatLocal(e.startsAt),
      e.endsAt === undefined ? undefined : formatLocal(e.endsAt),
      e.note,
    ]),
  );
}

async function writeRows(
  path: string,
  columns: readonly (readonly [string, string])[],
  rows: readonly (readonly (string | number | undefined)[])[],
): Promise<void> {
  const writer = await CsvFileWriter.open(
    path,
    columns.map(([name]) => name),
  );
  for (const row of rows) await writer.row(row);
  await writer.close();
}

/** Converts to Parquet when asked, and removes the other format's files so a loader never mixes runs. */
async function finishFormat(
  out: string,
  format: 'csv' | 'parquet',
  csv: (file: DataFile) => string,
): Promise<DatasetSummary['files']> {
  const files = (Object.keys(PARQUET_COLUMNS) as DataFile[]).map(
    (file) => [file, join(out, `${file}.${format}`)] as const,
  );
  for (const [file] of files) rmSync(join(out, `${file}.${format === 'csv' ? 'parquet' : 'csv'}`), { force: true });
  if (format === 'parquet') {
    await csvToParquet(files.map(([file, parquet]) => ({ csv: csv(file), parquet, columns: PARQUET_COLUMNS[file] })));
    for (const [file] of files) rmSync(csv(file), { force: true });
  }
  return { ...Object.fromEntries(files), ground_truth: join(out, 'ground_truth.csv') } as DatasetSummary['files'];
}
