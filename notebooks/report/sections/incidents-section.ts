import type { Incident } from '../../../domain/incident.js';
import { h, type Markup } from '../html/markup.js';
import { formatLocalTime } from '../local-time.js';
import type { ReportData } from '../report-data.js';
import { dataTable, num, reportSection, th } from './report-section.js';

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

function incidentTable(incidents: readonly Incident[], zone: string): Markup {
  const header = [
    th('Start', '开始'),
    th('End', '结束'),
    th('Category', '投诉类型'),
    th('City', '地市'),
    th('Complaints', '投诉量', true),
    th('Peak / h', '峰值', true),
    th('Hexagons', '栅格', true),
    th('Cells', '小区'),
    th('Status', '状态'),
    th('Handling', '处理'),
    th('Incident', '编号'),
  ];
  return dataTable(
    'incident-table',
    header,
    incidents.map((i) => incidentRow(i, zone)),
  );
}

function incidentRow(i: Incident, zone: string): Markup {
  const cells =
    i.cell_ids.length > LISTED_CELLS
      ? `${i.cell_ids.slice(0, LISTED_CELLS).join(', ')} +${i.cell_ids.length - LISTED_CELLS}`
      : i.cell_ids.join(', ');
  return h(
    'tr',
    { 'data-incident-id': i.incident_id, 'data-complaint-count': i.complaint_count, 'data-peak-count': i.peak_count },
    h('td', {}, formatLocalTime(i.start, zone)),
    h('td', {}, formatLocalTime(i.end, zone)),
    h('td', {}, i.category),
    h('td', {}, i.city),
    num(String(i.complaint_count)),
    num(String(i.peak_count)),
    num(String(i.hexes.length)),
    h('td', { class: 'cells' }, cells),
    h('td', {}, i.status),
    h('td', { 'data-handling': i.handling.state }, handling(i)),
    h('td', { class: 'id' }, i.incident_id),
  );
}

/** "acknowledged", or "resolved (fault)". */
function handling(i: Incident): string {
  return i.handling.root_cause === null ? i.handling.state : `${i.handling.state} (${i.handling.root_cause})`;
}
