import type { Lookup } from '../../domain/lookup.js';

/** A look-up as flat rows, one per finding then the suggested answer: the CSV form. */
export function lookupRows(lookup: Lookup): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const push = (finding: string, id: string, detail: string, distanceKm: number | null): void => {
    rows.push({ finding, id, detail, distance_km: distanceKm });
  };
  for (const e of [...lookup.events, ...lookup.planned_construction])
    push(e.kind, e.event_id, e.note ?? '', e.distance_km);
  for (const i of lookup.incidents) push('incident', i.incident_id, `${i.category} ×${i.complaint_count}`, null);
  if (lookup.weak_coverage)
    push(
      'weak_coverage',
      lookup.weak_coverage.h3,
      `${lookup.weak_coverage.complaints} coverage complaints in ${lookup.weak_coverage.days} days`,
      0,
    );
  for (const s of lookup.planned_sites) push('planned_site', s.cell_id, s.site_id, s.distance_km);
  if (lookup.no_investment) push('no_investment', lookup.point.h3, '', 0);
  push('route', lookup.route, lookup.route_reason, null);
  push('answer_zh', lookup.answer.reason, lookup.answer.zh, null);
  push('answer_en', lookup.answer.reason, lookup.answer.en, null);
  return rows;
}
