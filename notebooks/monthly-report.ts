/**
 * Monthly service-quality report (notebook): `npm run report -- --month 2026-10`.
 *
 * Reads one local month from a cellpulse DuckDB file through the analytics layer and writes a
 * self-contained HTML file: complaint rates per city and technology against target and last
 * month, the service-commitment KPIs, the month's major incidents, the weakest-coverage areas
 * and site candidates (with an inline SVG hex map), and a generated summary of what changed.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { CellpulseError } from '../domain/errors.js';
import { Database } from '../store/database.js';
import { collectReportData, type ReportData } from './report/report-data.js';
import { reportMonth } from './report/report-month.js';
import { renderReport } from './report/render-report.js';

export interface MonthlyReportOptions {
  /** An existing cellpulse database file. */
  db: string;
  /** Local month, `YYYY-MM`. */
  month: string;
  /** Default `reports/service-quality-<month>.html`. */
  out?: string;
  /** Footer timestamp; none when absent. */
  generatedAt?: string;
}

export interface MonthlyReportResult {
  out: string;
  bytes: number;
  data: ReportData;
}

/**
 * Builds the report of one month and writes it (atomically: a temp file renamed into place).
 * @throws CellpulseError invalid_parameter for a bad month, not_found when the database file does not exist.
 */
export async function writeMonthlyReport(options: MonthlyReportOptions): Promise<MonthlyReportResult> {
  reportMonth(options.month);
  const path = resolve(options.db);
  if (!existsSync(path))
    throw new CellpulseError(
      'not_found',
      'no database file here; create one with `npx cellpulse demo --no-serve` or `cellpulse ingest`',
      path,
    );
  const db = await Database.open(path);
  try {
    const data = await collectReportData(db, options.month);
    const html = renderReport(data, {
      source: options.db,
      ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    });
    const out = resolve(options.out ?? `reports/service-quality-${options.month}.html`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.tmp`, html, 'utf8');
    renameSync(`${out}.tmp`, out);
    return { out, bytes: Buffer.byteLength(html), data };
  } finally {
    await db.close();
  }
}

/** The notebook's command line. */
export function monthlyReportCommand(): Command {
  return new Command('monthly-report')
    .description('write the monthly service-quality report as one self-contained HTML file')
    .requiredOption('--month <YYYY-MM>', 'local month to report on')
    .option('--db <file>', 'cellpulse DuckDB file', 'data/demo.duckdb')
    .option('--out <file.html>', 'output file (default reports/service-quality-<month>.html)')
    .action(async (options: { month: string; db: string; out?: string }) => {
      const result = await writeMonthlyReport({ ...options, generatedAt: new Date().toISOString() });
      console.error(
        `report: ${result.data.rates.length} rate groups, ${result.data.incidents.length} ` +
          `incidents, ${result.data.site_candidate_count} site candidates`,
      );
      console.log(JSON.stringify({ month: options.month, out: result.out, bytes: result.bytes }));
    });
}

async function main(): Promise<void> {
  try {
    await monthlyReportCommand()
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
      .parseAsync(process.argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // DuckDB allows one writer process per file: a running `cellpulse serve` holds the lock.
    const held = /lock|is open in/i.test(message);
    const hint = held ? ' (is a cellpulse server using this file? stop it or copy the file)' : '';
    console.error(`report: ${message}${hint}`);
    process.exitCode = error instanceof CellpulseError ? 2 : 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
