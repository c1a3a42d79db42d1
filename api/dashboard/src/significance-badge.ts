import type { Incident } from './api-types';
import { el } from './dom';
import { language } from './i18n';

/**
 * The scan's verdict on an incident: its best overlapping signal's p-value and recurrence
 * interval ("by chance once in N days"); "not analysed yet" until the background scan has run.
 */
export function significanceBadge(incident: Incident): HTMLElement {
  const s = incident.significance;
  const zh = language() === 'zh';
  if (s === undefined || s === null)
    return el('span', { class: 'muted significance', 'data-p': '' }, zh ? '未分析' : 'not analysed yet');
  const days =
    s.recurrence_interval_days >= 10 ? s.recurrence_interval_days.toFixed(0) : s.recurrence_interval_days.toFixed(1);
  const rare = s.p_value <= 0.05;
  const text = zh
    ? `p = ${s.p_value.toPrecision(2)} · 偶然约 ${days} 天一次`
    : `p = ${s.p_value.toPrecision(2)} · by chance once in ${days} days`;
  return el('span', { class: rare ? 'significance rare' : 'muted significance', 'data-p': String(s.p_value) }, text);
}
