import type { KpiRow } from '../../domain/service-kpis.js';

/**
 * An expected KPI row (SPEC §4, §10): the counts and ratios given, every other count 0 and every other ratio null
 * (its denominator is empty). Tests write only what their data makes non-zero.
 */
export function kpiRow(city: string, month: string, given: Partial<KpiRow> = {}): KpiRow {
  return {
    city,
    month,
    complaints: 0,
    due: 0,
    pending: 0,
    on_time: 0,
    on_time_rate: null,
    limit_passed: 0,
    resolved: 0,
    resolution_ratio: null,
    compliant: 0,
    commitment_compliance: null,
    surveyed: 0,
    satisfied: 0,
    satisfaction_rate: null,
    incidents: 0,
    acknowledged_2h: 0,
    acknowledged_2h_rate: null,
    ...given,
  };
}
