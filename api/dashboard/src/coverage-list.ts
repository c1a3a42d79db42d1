import type { CoverageRow, SiteCandidate } from './api-types';
import { el } from './dom';
import { formatNumber, t, type StringKey } from './i18n';

export type ZoomTo = (lat: number, lon: number) => void;
/** The city of a place: its nearest site's, else the city whose centre is closest. */
export type CityOf = (cellId: string | undefined, lat: number, lon: number) => string | undefined;

function place(city: string | undefined, lat: number, lon: number): string {
  return `${city ?? ''} ${lat.toFixed(4)}, ${lon.toFixed(4)}`.trim();
}

function item(
  label: string,
  detail: string,
  lat: number,
  lon: number,
  zoomTo: ZoomTo,
  attrs: Record<string, string>,
): HTMLLIElement {
  const button = el(
    'button',
    { type: 'button', class: 'zoom-link', ...attrs },
    el('strong', {}, label),
    el('span', { class: 'muted' }, detail),
  );
  button.addEventListener('click', () => zoomTo(lat, lon));
  return el('li', {}, button);
}

/** Weak-coverage hexagons, worst first; a click zooms the map there. */
export function renderCoverageList(body: HTMLElement, rows: CoverageRow[], zoomTo: ZoomTo, cityOf: CityOf): void {
  if (rows.length === 0) {
    body.replaceChildren(el('p', { class: 'status muted' }, t('list_empty')));
    return;
  }
  const items = rows.map((row, i) => {
    const near = row.nearest_site;
    const detail = [
      `${formatNumber(row.complaints)} ${t('complaints')}`,
      `${formatNumber(row.distinct_days)} ${t('coverage_days')}`,
      row.technology,
      near === null ? '' : `${t('coverage_nearest')} ${near.cell_id} ${formatNumber(near.distance_km, 2)} km`,
      `H3 ${row.h3}`,
    ]
      .filter(Boolean)
      .join(' · ');
    const label = `${i + 1}. ${place(cityOf(near?.cell_id, row.lat, row.lon), row.lat, row.lon)}`;
    return item(label, detail, row.lat, row.lon, zoomTo, { 'data-h3': row.h3 });
  });
  body.replaceChildren(el('ol', { class: 'zoom-list' }, ...items));
}

/** Site candidates (proposed first, as the route orders them), marked when no investment or already planned. */
export function renderCandidateList(body: HTMLElement, rows: SiteCandidate[], zoomTo: ZoomTo, cityOf: CityOf): void {
  if (rows.length === 0) {
    body.replaceChildren(el('p', { class: 'status muted' }, t('list_empty')));
    return;
  }
  const items = rows.map((row) => {
    const near = row.nearest_active;
    const detail = [
      `${t(`candidate_${row.status}` as StringKey)}`,
      `${formatNumber(row.complaints)} ${t('complaints')}`,
      `${row.hexes.length} hex`,
      row.technology,
      near === null ? '' : `${t('coverage_nearest')} ${near.cell_id} ${formatNumber(near.distance_km, 2)} km`,
      row.candidate_id,
    ]
      .filter(Boolean)
      .join(' · ');
    const { lat, lon } = row.proposed_point;
    const label = place(cityOf(near?.cell_id, lat, lon), lat, lon);
    return item(label, detail, row.proposed_point.lat, row.proposed_point.lon, zoomTo, {
      'data-candidate': row.candidate_id,
      'data-status': row.status,
    });
  });
  body.replaceChildren(el('ol', { class: 'zoom-list' }, ...items));
}
