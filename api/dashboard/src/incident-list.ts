import { LOCAL_MINUTE } from '../../../domain/local-minute';
import type { Incident } from './api-types';
import { el } from './dom';
import { incidentActions } from './incident-actions';
import { language, nameOf, t } from './i18n';
import { significanceBadge } from './significance-badge';

/** A timestamp in the database's zone (the operators' local time), whatever the browser's zone. */
export function formatTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, ...LOCAL_MINUTE });
}

/** Open incidents first, then the newest. */
export function sortIncidents(incidents: Iterable<Incident>): Incident[] {
  return [...incidents].sort((a, b) =>
    a.status === b.status ? (a.end < b.end ? 1 : -1) : a.status === 'open' ? -1 : 1,
  );
}

/**
 * The incident list; a click zooms the map to the incident. Each incident shows its handling
 * and the Acknowledge / Resolve actions; `onChanged` gets the incident the server answered.
 */
export function renderIncidentList(
  body: HTMLElement,
  incidents: Incident[],
  timeZone: string,
  zoomTo: (lat: number, lon: number) => void,
  onChanged: (incident: Incident) => void = () => undefined,
): void {
  if (incidents.length === 0) {
    body.replaceChildren(el('p', { class: 'status muted' }, t('incidents_none')));
    return;
  }
  const items = incidents.map((incident) => {
    const status = incident.status === 'open' ? t('status_open') : t('status_closed');
    const button = el(
      'button',
      {
        type: 'button',
        class: `zoom-link incident ${incident.status}`,
        'data-incident': incident.incident_id,
        'data-status': incident.status,
      },
      el('strong', {}, `${nameOf(incident.category)} · ${incident.city}`),
      el('span', { class: 'badge' }, status),
      el(
        'span',
        { class: 'muted' },
        `${formatTime(incident.start, timeZone)} – ${formatTime(incident.end, timeZone)} · ` +
          `${incident.complaint_count} ${t('complaints')} · ${incident.hexes.length} hex`,
      ),
      significanceBadge(incident),
    );
    button.addEventListener('click', () => zoomTo(incident.centroid.lat, incident.centroid.lon));
    return el('li', {}, button, incidentActions(incident, onChanged));
  });
  body.replaceChildren(el('ul', { class: 'zoom-list' }, ...items));
}
