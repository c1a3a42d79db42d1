import { h, render, trusted, type Markup } from './html/markup.js';
import type { ReportData } from './report-data.js';
import { REPORT_STYLE } from './report-style.js';
import { coverageSection } from './sections/coverage-section.js';
import { hotSpotSection } from './sections/hot-spot-section.js';
import { incidentsSection } from './sections/incidents-section.js';
import { kpiSection } from './sections/kpi-section.js';
import { ratesSection } from './sections/rates-section.js';
import { summarySection } from './sections/summary-section.js';
import { triageSection } from './sections/triage-section.js';
import { summariseReport, type SummaryLine } from './summary.js';

export interface RenderOptions {
  /** Shown in the footer; left out when absent, so the same data gives the same bytes. */
  generatedAt?: string;
  /** The database file the numbers came from, shown in the header. */
  source?: string;
}

/** What the `report-data` JSON block holds: the report's numbers and summary (the per-hexagon map cells left out). */
export type EmbeddedReport = Omit<ReportData, 'coverage_cells'> & { summary: SummaryLine[] };

/** The whole report as one self-contained HTML document: inline CSS and SVG, no script runs, nothing fetched. */
export function renderReport(data: ReportData, options: RenderOptions = {}): string {
  const summary = summariseReport(data);
  const title = `Service-quality report ${data.month}`;
  const page = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      {},
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', {}, `${title} 服务质量月报`),
      h('style', {}, REPORT_STYLE),
    ),
    h(
      'body',
      {},
      h(
        'header',
        {},
        h('h1', {}, h('span', { lang: 'zh' }, `服务质量月报 ${data.month}`), ' / ', title),
        h(
          'p',
          { class: 'meta' },
          `Month ${data.month} in ${data.time_zone}, compared with ` +
            `${data.previous_month}. H3 resolution ${data.h3_resolution}.`,
          options.source === undefined ? null : ` Data: ${options.source}.`,
        ),
      ),
      summarySection(summary),
      ratesSection(data),
      kpiSection(data),
      triageSection(data),
      incidentsSection(data),
      coverageSection(data),
      hotSpotSection(data),
      h(
        'footer',
        {},
        'cellpulse monthly service-quality report.',
        options.generatedAt === undefined ? null : ` Generated ${options.generatedAt}.`,
      ),
      jsonBlock({ ...withoutMapCells(data), summary }),
    ),
  );
  return `<!doctype html>\n${render(page)}\n`;
}

function withoutMapCells(data: ReportData): Omit<ReportData, 'coverage_cells'> {
  const { coverage_cells: _cells, ...rest } = data;
  return rest;
}

/**
 * The numbers as JSON for machines (tests, scripts). `<`, `>` and `&` are written as \u escapes,
 * so no value can close the script element; the JSON parses to the same values.
 */
function jsonBlock(value: EmbeddedReport): Markup {
  const json = JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return h('script', { type: 'application/json', id: 'report-data' }, trusted(json));
}
