import { type ApiError, NotAvailable } from './api-client';
import { el } from './dom';
import { t } from './i18n';

/** What a panel shows instead of its content: loading, a route this server lacks, or an error. */
export type PanelProblem = 'loading' | NotAvailable | ApiError | Error;

/** Fills a panel body with a one-line status; the `data-status` attribute lets tests tell which. */
export function showStatus(body: HTMLElement, problem: PanelProblem | unknown): void {
  if (problem === 'loading') {
    body.replaceChildren(el('p', { class: 'status', 'data-status': 'loading' }, t('loading')));
  } else if (problem instanceof NotAvailable) {
    body.replaceChildren(el('p', { class: 'status muted', 'data-status': 'not-available' }, t('not_available')));
  } else {
    const message = problem instanceof Error ? problem.message : String(problem);
    body.replaceChildren(el('p', { class: 'status error', 'data-status': 'error' }, `${t('load_failed')}: ${message}`));
  }
}
