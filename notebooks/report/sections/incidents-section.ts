import type { Incident } from '../../../domain/incident.js';
import { h, type Markup } from '../html/markup.js';
import { formatLocalTime } from '../local-time.js';
import type { ReportData } from '../report-data.js';
import { type Column, columnTable, reportSection } from './report-section.js';

const LISTED_CELLS = 6;

/** The month's major complaint incidents (SPEC §3), newest first. */
export function incidentsSection(data: ReportData): Markup {
  const intro =
    `${data.incidents.length} incident${data.incidents.length === 1 ? '' : 's'} whose span meets ${data.month} ` +
    `(${data.previous_incident_count} in ${data.previous_month}). Times in ${data.time_zone}.`;
  return reportSection(
    'incidents',
    '重要投诉',
    'Major complaint incidents',
    h('p', { class: 'note' }, intro),
    data.incidents.length === 0
      ? h('p', {}, 'No major complaint incidents this month. 本月无重要投诉。')
      : incidentTable(data.incidents, data.time_zone),
  );
}

const incidentColumns = (zone: string): readonly Column<Incident>[] => [
  { en: 'Start', zh: '开始', cell: (i) => formatLocalTime(i.start, zone) },
  { en: 'End', zh: '结束', cell: (i) => formatLocalTime(i.end, zone) },
  { en: 'Category', zh: '投诉类型', cell: (i) => i.category },
  { en: 'City', zh: '地市', cell: (i) => i.city },
  { en: 'Complaints', zh: '投诉量', numeric: true, cell: (i) => String(i.complaint_count) },
  { en: 'Peak / h', zh: '峰值', numeric: true, cell: (i) => String(i.peak_count) },
  { en: 'Hexagons', zh: '栅格', numeric: true, cell: (i) => String(i.hexes.length) },
  { en: 'Cells', zh: '小区', cell: (i) => h('td', { class: 'cells' }, listedCells(i)) },
  { en: 'Status', zh: '状态', cell: (i) => i.status },
  { en: 'Handling', zh: '处理', cell: (i) => h('td', { 'data-handling': i.handling.state }, handling(i)) },
  { en: 'Incident', zh: '编号', cell: (i) => h('td', { class: 'id' }, i.incident_id) },
];

function incidentTable(incidents: readonly Incident[], zone: string): Markup {
  return columnTable('incident-table', incidentColumns(zone), incidents, (i) => ({
    'data-incident-id': i.incident_id,
    'data-complaint-count': i.complaint_count,
    'data-peak-count': i.peak_count,
  }));
}

/** The first few cell ids, then how many more. */
function listedCells(i: Incident): string {
  return i.cell_ids.length > LISTED_CELLS
    ? `${i.cell_ids.slice(0, LISTED_CELLS).join(', ')} +${i.cell_ids.length - LISTED_CELLS}`
    : i.cell_ids.join(', ');
}

/** "acknowledged", or "resolved (fault)". */
function handling(i: Incident): string {
  return i.handling.root_cause === null ? i.handling.state : `${i.handling.state} (${i.handling.root_cause})`;
}
