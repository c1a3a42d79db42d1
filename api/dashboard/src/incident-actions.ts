import { ApiError, postJson } from './api-client';
import type { Incident, RootCause } from './api-types';
import { el } from './dom';
import { nameOf, t, type StringKey } from './i18n';

const ROOT_CAUSES = [
  'fault',
  'coverage',
  'capacity',
  'interference',
  'external',
  'unknown',
] as const satisfies readonly RootCause[];
const OPERATOR_KEY = 'cellpulse.operator';
/** The root cause an operator has picked but not yet sent, per incident: the list redraws on every live event. */
const pickedCauses = new Map<string, string>();

/** Who is handling: asked once, then remembered in this browser. */
function operator(): string | null {
  const known = localStorage.getItem(OPERATOR_KEY);
  if (known) return known;
  const asked = window.prompt(t('handled_by'), '')?.trim();
  if (!asked) return null;
  localStorage.setItem(OPERATOR_KEY, asked);
  return asked;
}

/**
 * An incident's handling state and root cause, with Acknowledge (while new) and a root cause
 * picker with Resolve (until resolved). Posts with the API key the page already holds; an error
 * (no write key, resolved meanwhile) is shown beside the buttons.
 */
export function incidentActions(incident: Incident, onChanged: (incident: Incident) => void): HTMLElement {
  const { state, root_cause: cause } = incident.handling;
  const box = el(
    'div',
    { class: 'incident-actions', 'data-handling': state },
    el('span', { class: `badge handling ${state}` }, t(`handling_${state}` as StringKey)),
    cause === null ? null : el('span', { class: 'muted' }, `${t('root_cause')}: ${nameOf(cause)}`),
  );
  if (state === 'resolved') return box;
  const message = el('span', { class: 'action-error' });
  const act = async (action: 'ack' | 'resolve', body: Record<string, string>): Promise<void> => {
    const by = operator();
    if (by === null) return;
    message.textContent = '';
    try {
      const path = `v1/incidents/${encodeURIComponent(incident.incident_id)}/${action}`;
      onChanged(await postJson<Incident>(path, { by, ...body }));
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error);
    }
  };
  if (state === 'new') {
    const ack = el('button', { type: 'button', class: 'ack' }, t('acknowledge'));
    ack.addEventListener('click', () => void act('ack', {}));
    box.append(ack);
  }
  const options = ROOT_CAUSES.map((c) => el('option', { value: c }, nameOf(c)));
  const picker = el('select', { class: 'root-cause', 'aria-label': t('root_cause') }, ...options);
  picker.value = pickedCauses.get(incident.incident_id) ?? ROOT_CAUSES[0];
  picker.addEventListener('change', () => pickedCauses.set(incident.incident_id, picker.value));
  const resolve = el('button', { type: 'button', class: 'resolve' }, t('resolve'));
  resolve.addEventListener('click', () => {
    pickedCauses.delete(incident.incident_id);
    void act('resolve', { root_cause: picker.value });
  });
  box.append(picker, resolve, message);
  return box;
}
