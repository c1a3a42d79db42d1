import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceKpiRow } from '../../../analytics/kpis/service-kpis.js';
import { complaintRates } from '../../../analytics/rates/complaint-rates.js';
import { createLogger, startServer, type RunningServer } from '../../../api/server.js';
import { loadDataset } from '../../../api/services/load-dataset.js';
import { generateDataset } from '../../../datasets/generator/generate-dataset.js';
import type { ReportData } from '../../../notebooks/report/report-data.js';
import { reportMonth } from '../../../notebooks/report/report-month.js';
import { renderReport, type EmbeddedReport } from '../../../notebooks/report/render-report.js';
import { Database } from '../../../store/database.js';
import { collect, REPO_ROOT, type CliResult } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir, TEST_SETTINGS } from '../../helpers/tmp-db.js';

const SAMPLE_DIR = join(REPO_ROOT, 'datasets/sample');
const hasSample = ['complaints.csv', 'complaints.parquet'].some((f) => existsSync(join(SAMPLE_DIR, f)));

/** Runs a notebook as `npm run report` does, in a process zone far from the database's. */
function runNotebook(script: string, args: readonly string[]): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', `notebooks/${script}`, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TZ: 'America/Los_Angeles', CI: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, 120_000);
}

/** The `report-data` JSON block of the HTML. */
function embeddedData(html: string): EmbeddedReport {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('no report-data block');
  return JSON.parse(match[1]!) as EmbeddedReport;
}

/** The data-* attributes of each `<tr>` of the table with this id. */
function tableRows(html: string, id: string): Record<string, string>[] {
  const table = new RegExp(`<table id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr((?:\s+data-[a-z-]+="[^"]*"|\s+class="[^"]*")+)>/g)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescapeHtml(a[2]!)])),
  );
}

function unescapeHtml(text: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (e) => entities[e]!);
}

/** Same keys, equal strings and booleans, numbers within 1e-9 (nested). */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

function attrNumber(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

describe('monthly service-quality report of the demo data', () => {
  let dir: string;
  let dbPath: string;
  let month: string;
  let dataMonths: string[];
  let run: CliResult;
  let adHocSql: CliResult;
  let html: string;
  let report: EmbeddedReport;
  let server: RunningServer;
  let db: Database;
  const api = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    dir = makeTmpDir('cellpulse-report-');
    // The checked-in sample when there is one, else the same generator's data set, two months so "last month" has
    // numbers.
    const dataDir = hasSample ? SAMPLE_DIR : join(dir, 'data');
    if (!hasSample)
      await generateDataset({
        out: dataDir,
        seed: 42,
        from: '2026-09-01',
        months: 2,
        complaints: 3000,
        h3Resolution: 8,
      });
    dbPath = join(dir, 'demo.duckdb');
    const loading = await Database.open(dbPath, { settings: TEST_SETTINGS });
    await loadDataset(loading, dataDir);
    const months = await complaintRates(loading, { by: ['month'] });
    dataMonths = months
      .filter((m) => m.complaints > 0)
      .map((m) => m.month!)
      .sort();
    month = dataMonths.at(-1)!;
    await loading.close();
    // The report opens the file itself, so it runs before the server takes the file's lock.
    run = await runNotebook('monthly-report.ts', [
      '--db',
      dbPath,
      '--month',
      month,
      '--out',
      join(dir, 'out', 'report.html'),
    ]);
    html = existsSync(join(dir, 'out', 'report.html')) ? readFileSync(join(dir, 'out', 'report.html'), 'utf8') : '';
    report = embeddedData(html);
    adHocSql = await runNotebook('ad-hoc-analysis.ts', ['--db', dbPath, '--month', month]);
    db = await Database.open(dbPath);
    server = await startServer({
      db,
      port: 0,
      handleSignals: false,
      logger: createLogger('silent'),
      config: { apiKeys: ['report-test-key-0123'], rateLimitPerMinute: 0, dashboardDir: join(dir, 'no-dashboard') },
    });
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    if (dir) removeDir(dir);
  });

  it('runs as a command and names the file it wrote', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.lastLine)).toMatchObject({ month, out: join(dir, 'out', 'report.html') });
    expect(report.month).toBe(month);
  });

  it('is self-contained: inline SVG, no network reference, no script but the data block', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('<polygon');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link\b|\bsrc=|url\(/i);
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('has the API’s complaint rates for the month, per city and technology and in every total', async () => {
    for (const [by, field] of [
      ['city,technology,month', 'rates'],
      ['city,month', 'city_totals'],
      ['technology,month', 'technology_totals'],
    ] as const) {
      const { status, body } = await api<unknown[]>(`/v1/rates?by=${by}&from=${month}&to=${month}`);
      expect(status).toBe(200);
      expect(body.length).toBeGreaterThan(0);
      expectClose(report[field], body, field);
    }
    const province = await api<unknown[]>(`/v1/rates?by=month&from=${month}&to=${month}`);
    expectClose(report.province, province.body[0], 'province');
    const trend = await api<unknown[]>(
      `/v1/rates?by=technology,month&from=${reportMonth(month).trendFrom}&to=${month}`,
    );
    expectClose(report.trend, trend.body, 'trend');
  });

  it('shows the same rates in its city × technology table as the API gives', async () => {
    const { body } = await api<
      {
        city: string;
        technology: string;
        complaints: number;
        subscribers: number | null;
        rate_per_10k: number | null;
        target_per_10k: number | null;
        previous_rate_per_10k: number | null;
      }[]
    >(`/v1/rates?by=city,technology,month&from=${month}&to=${month}`);
    const rows = tableRows(html, 'city-technology-rates');
    expect(rows).toHaveLength(body.length);
    body.forEach((expected, i) => {
      const row = rows[i]!;
      expect([row.city, row.technology]).toEqual([expected.city, expected.technology]);
      expect(Number(row.complaints)).toBe(expected.complaints);
      expect(attrNumber(row.subscribers)).toBe(expected.subscribers);
      for (const [attr, value] of [
        ['rate', expected.rate_per_10k],
        ['target', expected.target_per_10k],
        ['previous', expected.previous_rate_per_10k],
      ] as const) {
        if (value === null) expect(row[attr], `${expected.city} ${expected.technology} ${attr}`).toBeUndefined();
        else expect(Math.abs(Number(row[attr]) - value)).toBeLessThanOrEqual(1e-9);
      }
    });
    expect(
      rows.some((r) => r.previous !== undefined),
      'last month has rates exactly when the data has it',
    ).toBe(dataMonths.includes(reportMonth(month).previous));
  });

  it('has the API’s service-commitment KPIs per city and for the province', async () => {
    const { status, body: expected } = await api<ServiceKpiRow[]>(`/v1/kpis?month=${month}&totals=true`);
    expect(status).toBe(200);
    expect(expected.length).toBeGreaterThan(1);
    expectClose(report.kpis, expected, 'kpis');
    const rows = tableRows(html, 'kpi-table');
    for (const k of expected) {
      const row = rows.find((r) => r.city === k.city)!;
      expect(attrNumber(row['on-time-rate'])).toBeCloseTo(k.on_time_rate!, 12);
      expect(attrNumber(row['commitment-compliance'])).toBeCloseTo(k.commitment_compliance!, 12);
      expect(Number(row.incidents)).toBe(k.incidents);
    }
    expect(expected.find((k) => k.city === 'ALL')!.incidents, 'the demo month has incidents').toBeGreaterThan(0);
  });

  it('has the API’s routes per city and appraisal league', async () => {
    const triage = await api<{ city: string; route: string; complaints: number }[]>(`/v1/triage?month=${month}`);
    expect(triage.status).toBe(200);
    expectClose(report.triage, triage.body, 'triage');
    const appraisal = await api<{ city: string; total: number | null }[]>(`/v1/appraisal?month=${month}`);
    expectClose(report.appraisal, appraisal.body, 'appraisal');
    const rows = tableRows(html, 'appraisal-table');
    expect(rows.map((r) => r.city)).toEqual(appraisal.body.map((a) => a.city));
    expect(tableRows(html, 'triage-table').map((r) => r.city)).toEqual([...new Set(triage.body.map((r) => r.city))]);
  });

  it('lists the API’s incidents of the month and counts last month’s', async () => {
    const m = reportMonth(month);
    const { status, body } = await api<{ incident_id: string }[]>(`/v1/incidents?from=${m.from}&to=${m.to}`);
    expect(status).toBe(200);
    expect(body.length, 'the demo month has major incidents').toBeGreaterThan(0);
    expectClose(report.incidents, body, 'incidents');
    expect(tableRows(html, 'incident-table').map((r) => r['incident-id'])).toEqual(body.map((i) => i.incident_id));
    const previous = await api<unknown[]>(`/v1/incidents?from=${m.previousFrom}&to=${m.from}`);
    expect(report.previous_incident_count).toBe(previous.body.length);
  });

  it('has the API’s weakest-coverage hexagons and site candidates', async () => {
    const m = reportMonth(month);
    const coverage = await api<unknown[]>(
      `/v1/coverage?from=${m.from}&to=${m.to}&limit=${report.weak_coverage.length}`,
    );
    expect(coverage.status).toBe(200);
    expect(report.weak_coverage.length).toBeGreaterThan(0);
    expectClose(report.weak_coverage, coverage.body, 'weak_coverage');
    const candidates = await api<{ status: string }[]>(`/v1/site-candidates?from=${m.from}&to=${m.to}`);
    expect(candidates.status).toBe(200);
    expect(report.site_candidate_count).toBe(candidates.body.length);
    expectClose(report.site_candidates, candidates.body.slice(0, report.site_candidates.length), 'site_candidates');
  });

  it('has the API’s emerging coverage hot spots over the 12 weeks to the month’s end', async () => {
    const m = reportMonth(month);
    const trends = await api<{ class: string }[]>(`/v1/coverage/trends?to=${encodeURIComponent(m.to)}&weeks=12`);
    expect(trends.status).toBe(200);
    const hot = trends.body.filter((t) => t.class !== 'none');
    expectClose(report.hot_spots, hot.slice(0, report.hot_spots.length), 'hot_spots');
    expect(Object.values(report.hot_spot_classes).reduce((a, b) => a + b, 0)).toBe(hot.length);
    expect(html).toContain('id="hot-spots"');
  });

  it('summarises the numbers it shows', () => {
    const province = report.kpis.find((k) => k.city === 'ALL')!;
    const text = report.summary.map((l) => l.text).join('\n');
    expect(text).toContain(`${(province.on_time_rate! * 100).toFixed(2)}%`);
    expect(text).toContain('92.29%');
    expect(text).toContain(`${report.incidents.length} major complaint incident`);
    expect(text).toContain(`${report.province!.complaints.toLocaleString('en-US')} complaints`);
    const items = [...html.matchAll(/<li data-topic="([a-z]+)">/g)].map((m) => m[1]);
    expect(items).toEqual(report.summary.map((l) => l.topic));
  });

  it('escapes every text it shows, in the page and in the data block', () => {
    const hostile = '<img src=x onerror=alert(1)> & "Harbin\' </script>';
    const { summary: _summary, ...numbers } = report;
    const data: ReportData = {
      ...numbers,
      coverage_cells: [],
      rates: report.rates.map((r, i) => (i === 0 ? { ...r, city: hostile } : r)),
    };
    const page = renderReport(data);
    expect(page).not.toContain(hostile);
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Harbin&#39; &lt;/script&gt;');
    expect(page.match(/<\/script>/g)).toHaveLength(1);
    expect(embeddedData(page).rates[0]!.city).toBe(hostile);
    expect(tableRows(page, 'city-technology-rates')[0]!.city).toBe(hostile);
  });

  it('comes with an ad-hoc notebook whose SQL agrees with the analytics', () => {
    expect(adHocSql.code, adHocSql.stderr).toBe(0);
    expect(JSON.parse(adHocSql.lastLine)).toEqual({ duckdb: { month, queries: 7 } });
    const topHexes = adHocSql.stdout.split('## Top coverage hexagons')[1] ?? '';
    expect(topHexes).toContain(`'${report.weak_coverage[0]!.h3}'`);
  });

  it('comes with an ad-hoc notebook that reads the API as Arrow', async () => {
    const arrow = await runNotebook('ad-hoc-analysis.ts', ['--no-duckdb', '--url', server.url, '--month', month]);
    expect(arrow.code, arrow.stderr).toBe(0);
    const { body } = await api<{ complaints: number }[]>(
      `/v1/rates?by=city,technology,month&from=${month}&to=${month}`,
    );
    const hexagons = await api<unknown[]>(
      `/v1/hexagons?res=6&from=${reportMonth(month).from}&to=${reportMonth(month).to}`,
    );
    expect(JSON.parse(arrow.lastLine)).toEqual({
      arrow: {
        rates_rows: body.length,
        rates_complaints: body.reduce((n, r) => n + r.complaints, 0),
        hexagon_rows: hexagons.body.length,
      },
    });
  });
});
