import { getJson } from './api-client';
import type { LookupAnswer } from './api-types';
import { byId, el } from './dom';
import { formatNumber, language, nameOf, onLanguageChange, t } from './i18n';
import { formatTime } from './incident-list';
import { showStatus } from './panel-status';

/**
 * The front-desk look-up: a point (typed, or clicked on the map) or a cell ID, and a time
 * (empty: the time of the newest data); answers with the suggested reply first, then what it rests on.
 */
export class LookupBox {
  private readonly form = byId<HTMLFormElement>('lookup-form');
  private readonly lat = byId<HTMLInputElement>('lookup-lat');
  private readonly lon = byId<HTMLInputElement>('lookup-lon');
  private readonly cell = byId<HTMLInputElement>('lookup-cell');
  private readonly at = byId<HTMLInputElement>('lookup-at');
  private readonly body = byId('lookup-answer');
  private last: LookupAnswer | null = null;

  constructor(private readonly timeZone: () => string) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.ask();
    });
    onLanguageChange(() => {
      if (this.last) this.render(this.last);
    });
  }

  /** Fills in a point (a map click) and clears the cell ID, which would take precedence. */
  setPoint(lat: number, lon: number): void {
    this.lat.value = lat.toFixed(5);
    this.lon.value = lon.toFixed(5);
    this.cell.value = '';
  }

  private params(): Record<string, string> | null {
    // no time: the server takes the newest complaint's, which is "now" for live data
    const at: Record<string, string> = this.at.value === '' ? {} : { at: this.at.value };
    const cell = this.cell.value.trim();
    if (cell !== '') return { cell_id: cell, ...at };
    if (this.lat.value === '' || this.lon.value === '') return null;
    return { lat: this.lat.value, lon: this.lon.value, ...at };
  }

  private async ask(): Promise<void> {
    const params = this.params();
    if (params === null) {
      this.body.replaceChildren(el('p', { class: 'status error' }, t('lookup_need_point')));
      return;
    }
    showStatus(this.body, 'loading');
    try {
      this.last = await getJson<LookupAnswer>('v1/lookup', params);
      this.render(this.last);
    } catch (error) {
      this.last = null;
      showStatus(this.body, error);
    }
  }

  private render(answer: LookupAnswer): void {
    const zone = this.timeZone();
    const flags = [
      answer.weak_coverage ? t('lookup_weak') : null,
      answer.planned_construction.length > 0 || answer.planned_sites.length > 0 ? t('lookup_planned') : null,
      answer.no_investment ? t('lookup_no_investment') : null,
    ].filter((f) => f !== null);
    const events = answer.events.map((e) =>
      el(
        'li',
        {},
        [
          nameOf(e.kind),
          e.cell_id,
          e.note,
          `${formatTime(e.starts_at, zone)} – ${e.ends_at ? formatTime(e.ends_at, zone) : '…'}`,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
    const incidents = answer.incidents.map((i) =>
      el(
        'li',
        {},
        `${nameOf(i.category)} · ${i.city} · ${i.complaint_count} ${t('complaints')} · ` +
          `${t(i.status === 'open' ? 'status_open' : 'status_closed')}`,
      ),
    );
    const near = answer.nearest_active_site;
    const nearest = near ? ` · ${t('coverage_nearest')} ${near.cell_id} ${formatNumber(near.distance_km, 2)} km` : '';
    const parts = [
      el(
        'blockquote',
        { class: 'lookup-reply', 'data-testid': 'lookup-reply', 'data-reason': answer.answer.reason },
        answer.answer[language()] || answer.answer.en,
      ),
      el('p', { class: 'muted small' }, `${formatTime(answer.at, zone)}${nearest}`),
      flags.length > 0 ? el('p', { class: 'flags' }, ...flags.map((f) => el('span', { class: 'badge' }, f))) : null,
      events.length > 0 ? el('div', {}, el('h4', {}, t('lookup_events')), el('ul', {}, ...events)) : null,
      incidents.length > 0 ? el('div', {}, el('h4', {}, t('lookup_incidents')), el('ul', {}, ...incidents)) : null,
    ];
    this.body.replaceChildren(...parts.filter((part) => part !== null));
  }
}
