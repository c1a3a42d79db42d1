import { gridDisk } from 'h3-js';
import type { SiteCandidate } from '../../../analytics/coverage/site-candidates.js';
import type { WeakCoverageHex } from '../../../analytics/coverage/weak-coverage.js';
import { formatCount } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { coarsenCells } from '../svg/coarsen-cells.js';
import { hexMap, type MapCell, type MapPoint } from '../svg/hex-map.js';
import { dataTable, figure, num, reportSection, th } from './report-section.js';

const CLOSE_UPS = 3;
/** A close-up shows the nearest existing sites only when they are this close, or the region would shrink to a dot. */
const CLOSE_UP_SITE_KM = 5;

/** The weak-coverage hexagons and the site candidates of the month, with a province map and close-ups. */
export function coverageSection(data: ReportData): Markup {
  return reportSection(
    'coverage',
    '弱覆盖与站址规划',
    'Weak coverage and site candidates',
    h(
      'p',
      { class: 'note' },
      'Coverage complaints (weak_coverage, no_signal, no_service) of the month. ' +
        'Circles: major incidents; triangles: site candidates (by rank).',
    ),
    overviewMap(data),
    h('h3', {}, 'Weakest-coverage hexagons 弱覆盖栅格'),
    weakTable(data.weak_coverage),
    h(
      'h3',
      {},
      `Site candidates 建站候选 (${data.site_candidate_count} in all, the first ${data.site_candidates.length} listed)`,
    ),
    candidateTable(data.site_candidates),
    h(
      'div',
      { class: 'charts' },
      data.site_candidates
        .filter((c) => c.status === 'proposed')
        .slice(0, CLOSE_UPS)
        .map((c) => closeUp(c, data)),
    ),
  );
}

function overviewMap(data: ReportData): Markup {
  const cells = coarsenCells(data.coverage_cells.map((c) => ({ h3: c.h3, value: c.complaints })));
  const points: MapPoint[] = [
    ...data.incidents.map(
      (i): MapPoint => ({
        ...i.centroid,
        kind: 'incident',
        label: '',
        tip: `${i.category} in ${i.city}: ${i.complaint_count} complaints`,
      }),
    ),
    ...data.site_candidates.map(
      (c, rank): MapPoint => ({
        ...c.proposed_point,
        kind: 'candidate',
        label: String(rank + 1),
        tip: `#${rank + 1} ${c.candidate_id} (${c.status}): ${c.complaints} complaints`,
      }),
    ),
  ];
  const title = `Coverage complaints per hexagon, ${data.month}`;
  return figure(title, hexMap(cells, points, { title, valueLabel: 'coverage complaints', width: 760, maxHeight: 640 }));
}

function weakTable(rows: readonly WeakCoverageHex[]): Markup {
  const header = [
    th('#'),
    th('Hexagon', 'H3'),
    th('Centre', '中心'),
    th('Complaints', '投诉量', true),
    th('Days', '天数', true),
    th('Per day', '日均', true),
    th('Technology', '制式'),
    th('Nearest active cell', '最近在网小区'),
    th('km', '距离', true),
  ];
  return dataTable(
    'weak-coverage-table',
    header,
    rows.map((r, i) =>
      h(
        'tr',
        { 'data-h3': r.h3, 'data-complaints': r.complaints, 'data-distinct-days': r.distinct_days },
        num(String(i + 1)),
        h('td', { class: 'id' }, r.h3),
        h('td', {}, `${r.lat.toFixed(4)}, ${r.lon.toFixed(4)}`),
        num(formatCount(r.complaints)),
        num(String(r.distinct_days)),
        num(r.complaints_per_day.toFixed(2)),
        h('td', {}, r.technology),
        h('td', {}, r.nearest_site?.cell_id ?? '—'),
        num(r.nearest_site === null ? '—' : r.nearest_site.distance_km.toFixed(2)),
      ),
    ),
  );
}

function candidateTable(rows: readonly SiteCandidate[]): Markup {
  const header = [
    th('#'),
    th('Candidate', '编号'),
    th('Status', '状态'),
    th('Technology', '制式'),
    th('Hexagons', '栅格', true),
    th('Complaints', '投诉量', true),
    th('Proposed point', '建议站址'),
    th('Nearest active km', '最近在网', true),
    th('Nearest planned km', '最近规划', true),
    th('Reason', '说明'),
  ];
  const km = (site: SiteCandidate['nearest_active']): string => (site === null ? '—' : site.distance_km.toFixed(2));
  return dataTable(
    'site-candidate-table',
    header,
    rows.map((c, i) =>
      h(
        'tr',
        { 'data-candidate-id': c.candidate_id, 'data-status': c.status, 'data-complaints': c.complaints },
        num(String(i + 1)),
        h('td', { class: 'id' }, c.candidate_id),
        h('td', {}, c.status),
        h('td', {}, c.technology),
        num(String(c.hexes.length)),
        num(formatCount(c.complaints)),
        h('td', {}, `${c.proposed_point.lat.toFixed(5)}, ${c.proposed_point.lon.toFixed(5)}`),
        num(km(c.nearest_active)),
        num(km(c.nearest_planned)),
        h('td', { class: 'note' }, c.status_reason ?? ''),
      ),
    ),
  );
}

/**
 * One candidate region at the database resolution: its hexagons outlined, complaining neighbours, proposed point and
 * near sites.
 */
function closeUp(candidate: SiteCandidate, data: ReportData): Markup {
  const counts = new Map(data.coverage_cells.map((c) => [c.h3, c.complaints]));
  const region = new Set(candidate.hexes);
  const around = new Set(candidate.hexes.flatMap((hex) => gridDisk(hex, 2)));
  const cells: MapCell[] = [...around]
    .filter((hex) => region.has(hex) || (counts.get(hex) ?? 0) > 0)
    .sort()
    .map((hex) => ({ h3: hex, value: counts.get(hex) ?? 0, outline: region.has(hex) }));
  const rank = data.site_candidates.indexOf(candidate) + 1;
  const points: MapPoint[] = [
    {
      ...candidate.proposed_point,
      kind: 'candidate',
      label: String(rank),
      tip: `proposed point of ${candidate.candidate_id}`,
    },
  ];
  for (const [site, kind] of [
    [candidate.nearest_active, 'active_site'],
    [candidate.nearest_planned, 'planned_site'],
  ] as const) {
    if (site !== null && site.distance_km <= CLOSE_UP_SITE_KM)
      points.push({
        lat: site.lat,
        lon: site.lon,
        kind,
        label: site.cell_id,
        tip: `${kind.replace('_', ' ')} ${site.cell_id}, ${site.distance_km.toFixed(2)} km`,
      });
  }
  const title = `#${rank} ${candidate.candidate_id}: ${candidate.complaints} coverage complaints`;
  return figure(title, hexMap(cells, points, { title, valueLabel: 'complaints', width: 360, maxHeight: 300 }));
}
