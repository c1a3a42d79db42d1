import { h, type Markup } from '../html/markup.js';
import type { SummaryLine } from '../summary.js';
import { reportSection } from './report-section.js';

/** The generated "what changed" text, first in the report. */
export function summarySection(lines: readonly SummaryLine[]): Markup {
  return reportSection(
    'summary',
    '本月概要',
    'What changed this month',
    h(
      'ul',
      { class: 'summary' },
      lines.map((line) => h('li', { 'data-topic': line.topic }, line.text)),
    ),
  );
}
