import type { AppraisalRow } from '../../../domain/appraisal';
import type { ComplaintRecord, RouteCount } from '../../../domain/triage';
import { ROUTE_NAMES_ZH, ROUTES } from '../../../domain/vocabulary';
import { getJson } from './api-client';
import { el } from './dom';
import { formatNumber, language, onLanguageChange, t } from './i18n';
import { showStatus } from './panel-status';

const routeName = (route: string): string =>
  language() === 'zh' ? (ROUTE_NAMES_ZH[route] ?? route) : route.replaceAll('_', ' ');
const fixed = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits));

/** Next month of YYYY-MM, for a [from, to) filter. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * A panel of routes per city (click a count to list those complaints) and the appraisal league table,
 * for the newest month; placed after the KPI panel. Redraws on a language change.
 */
export function mountTriagePanel(after: Element): void {
  const body = el('div', { 'data-testid': 'triage-body' });
  const heading = el('h2', {}, t('triage_title'));
  after.after(el('section', { class: 'panel triage-panel' }, heading, body));
  const draw = async (): Promise<void> => {
    heading.textContent = t('triage_title');
    try {
      const league = await getJson<AppraisalRow[]>('v1/appraisal');
      const month = league[0]?.month;
      const counts = month ? await getJson<RouteCount[]>('v1/triage', { month }) : [];
      body.replaceChildren(
        routeTable(counts, month ?? '', body),
        leagueTable(league),
        el('div', { class: 'triage-list' }),
      );
    } catch (error) {
      showStatus(body, error);
    }
  };
  onLanguageChange(() => void draw());
  void draw();
}

function routeTable(counts: RouteCount[], month: string, body: HTMLElement): HTMLElement {
  const cities = [...new Set(counts.map((c) => c.city))];
  // Complaints stored before triage existed get a column of their own, only when there are some.
  const routes: readonly string[] = counts.some((c) => c.route === 'untriaged') ? [...ROUTES, 'untriaged'] : ROUTES;
  const cell = (city: string, route: string): HTMLElement => {
    const n = counts.find((c) => c.city === city && c.route === route)?.complaints ?? 0;
    if (n === 0) return el('td', {}, '');
    const link = el('a', { href: '#', 'data-route': route, 'data-city': city }, formatNumber(n));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      void listComplaints(body, { city, route, month, total: n });
    });
    return el('td', {}, link);
  };
  return el(
    'table',
    { class: 'small triage-routes' },
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, `${t('city')} ${month}`), ...routes.map((r) => el('th', {}, routeName(r)))),
    ),
    el('tbody', {}, ...cities.map((city) => el('tr', {}, el('td', {}, city), ...routes.map((r) => cell(city, r))))),
    el('caption', { class: 'muted small' }, t('triage_pick')),
  );
}

function leagueTable(rows: AppraisalRow[]): HTMLElement {
  return el(
    'table',
    { class: 'small triage-league' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['#', t('city'), t('triage_rate'), t('triage_compliance'), t('triage_points')].map((h) => el('th', {}, h)),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          { title: r.warning ?? '' },
          el('td', {}, r.rank === null ? '—' : String(r.rank)),
          el('td', {}, r.city),
          el('td', {}, fixed(r.rate, 2)),
          el('td', {}, r.compliance === null ? '—' : `${(r.compliance * 100).toFixed(1)}%`),
          el('td', {}, `${fixed(r.rate_points, 2)} + ${fixed(r.compliance_points, 2)} = ${fixed(r.total, 2)}`),
        ),
      ),
    ),
  );
}

/** At most this many complaints are listed under the table; the heading says when there are more. */
const LIST_LIMIT = 200;

async function listComplaints(
  body: HTMLElement,
  { city, route, month, total }: { city: string; route: string; month: string; total: number },
): Promise<void> {
  const target = body.querySelector('.triage-list');
  if (!target) return;
  const query = { city, route, from: `${month}-01`, to: `${nextMonth(month)}-01`, limit: LIST_LIMIT };
  const rows = await getJson<ComplaintRecord[]>('v1/complaints', query);
  const count = formatNumber(rows.length);
  const shown = rows.length < total ? `${count} / ${formatNumber(total)}` : count;
  target.replaceChildren(
    el('h3', {}, `${city} · ${routeName(route)} · ${shown}`),
    el(
      'ul',
      { class: 'small' },
      ...rows.map((c) => el('li', {}, `${c.complaint_id} ${c.received_at} ${c.category} — ${c.route_reason ?? ''}`)),
    ),
  );
}
