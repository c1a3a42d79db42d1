import { gridDisk } from 'h3-js';
import type { SiteCandidate } from '../../../analytics/coverage/site-candidates.js';
import type { WeakCoverageHex } from '../../../analytics/coverage/weak-coverage.js';
import { formatCount } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { coarsenCells } from '../svg/coarsen-cells.js';
import { hexMap, type MapCell, type MapPoint } from '../svg/hex-map.js';
import { type Column, columnTable, figure, num, reportSection } from './report-section.js';

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

const km = (site: { distance_km: number } | null): string => (site === null ? '—' : site.distance_km.toFixed(2));

const WEAK_COLUMNS: readonly Column<WeakCoverageHex>[] = [
  { en: '#', cell: (_, i) => num(String(i + 1)) },
  { en: 'Hexagon', zh: 'H3', cell: (r) => h('td', { class: 'id' }, r.h3) },
  { en: 'Centre', zh: '中心', cell: (r) => `${r.lat.toFixed(4)}, ${r.lon.toFixed(4)}` },
  { en: 'Complaints', zh: '投诉量', numeric: true, cell: (r) => formatCount(r.complaints) },
  { en: 'Days', zh: '天数', numeric: true, cell: (r) => String(r.distinct_days) },
  { en: 'Per day', zh: '日均', numeric: true, cell: (r) => r.complaints_per_day.toFixed(2) },
  { en: 'Technology', zh: '制式', cell: (r) => r.technology },
  { en: 'Nearest active cell', zh: '最近在网小区', cell: (r) => r.nearest_site?.cell_id ?? '—' },
  { en: 'km', zh: '距离', numeric: true, cell: (r) => km(r.nearest_site) },
];

function weakTable(rows: readonly WeakCoverageHex[]): Markup {
  return columnTable('weak-coverage-table', WEAK_COLUMNS, rows, (r) => ({
    'data-h3': r.h3,
    'data-complaints': r.complaints,
    'data-distinct-days': r.distinct_days,
  }));
}

const CANDIDATE_COLUMNS: readonly Column<SiteCandidate>[] = [
  { en: '#', cell: (_, i) => num(String(i + 1)) },
  { en: 'Candidate', zh: '编号', cell: (c) => h('td', { class: 'id' }, c.candidate_id) },
  { en: 'Status', zh: '状态', cell: (c) => c.status },
  { en: 'Technology', zh: '制式', cell: (c) => c.technology },
  { en: 'Hexagons', zh: '栅格', numeric: true, cell: (c) => String(c.hexes.length) },
  { en: 'Complaints', zh: '投诉量', numeric: true, cell: (c) => formatCount(c.complaints) },
  {
    en: 'Proposed point',
    zh: '建议站址',
    cell: (c) => `${c.proposed_point.lat.toFixed(5)}, ${c.proposed_point.lon.toFixed(5)}`,
  },
  { en: 'Nearest active km', zh: '最近在网', numeric: true, cell: (c) => km(c.nearest_active) },
  { en: 'Nearest planned km', zh: '最近规划', numeric: true, cell: (c) => km(c.nearest_planned) },
  { en: 'Reason', zh: '说明', cell: (c) => h('td', { class: 'note' }, c.status_reason ?? '') },
];

function candidateTable(rows: readonly SiteCandidate[]): Markup {
  return columnTable('site-candidate-table', CANDIDATE_COLUMNS, rows, (c) => ({
    'data-candidate-id': c.candidate_id,
    'data-status': c.status,
    'data-complaints': c.complaints,
  }));
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
