import type { KpiRow } from './api-types';
import { el } from './dom';
import { formatNumber, formatShare, t, type StringKey } from './i18n';

/** The KPIs of several cities together: counts summed, shares recomputed from the sums (never an average of shares). */
export type KpiTotals = Pick<
  KpiRow,
  'complaints' | 'on_time_rate' | 'resolution_ratio' | 'commitment_compliance' | 'satisfaction_rate'
>;

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function totalKpis(rows: KpiRow[]): KpiTotals {
  if (rows.length === 1) return rows[0]!;
  // the definitions of the API (schemas/kpis.ts): on_time/due, resolved/limit_passed, compliant/due, satisfied/surveyed
  const sum = (field: keyof KpiRow): number => rows.reduce((s, r) => s + (Number(r[field]) || 0), 0);
  return {
    complaints: sum('complaints'),
    on_time_rate: share(sum('on_time'), sum('due')),
    resolution_ratio: share(sum('resolved'), sum('limit_passed')),
    commitment_compliance: share(sum('compliant'), sum('due')),
    satisfaction_rate: share(sum('satisfied'), sum('surveyed')),
  };
}

const TILES: [StringKey, (k: KpiTotals) => string][] = [
  ['kpi_complaints', (k) => formatNumber(k.complaints)],
  ['kpi_on_time', (k) => formatShare(k.on_time_rate)],
  ['kpi_resolution', (k) => formatShare(k.resolution_ratio)],
  ['kpi_compliance', (k) => formatShare(k.commitment_compliance)],
  ['kpi_satisfaction', (k) => formatShare(k.satisfaction_rate)],
];

/** One tile per KPI, over the cities and months of `rows` (`months` labels them). */
export function renderKpiTiles(body: HTMLElement, rows: KpiRow[], months: string): void {
  const totals = totalKpis(rows);
  const tiles = TILES.map(([label, value]) =>
    el(
      'div',
      { class: 'tile', 'data-kpi': label },
      el('div', { class: 'tile-value' }, value(totals)),
      el('div', { class: 'tile-label' }, t(label)),
    ),
  );
  body.replaceChildren(
    el('div', { class: 'tiles' }, ...tiles),
    el('p', { class: 'muted small' }, `${t('kpi_month')} ${months}`),
  );
}
