/**
 * The fixed value lists the service speaks in (SPEC §1, §11), as plain arrays with no zod, so that the dashboard's
 * bundle can import them too. domain/enums.ts and domain/triage.ts build their zod enums from these.
 */

/** Complaint categories of SPEC §1. */
export const CATEGORIES = [
  'weak_coverage',
  'no_signal',
  'call_drop',
  'slow_data',
  'voice_quality',
  'no_service',
  'other',
] as const;

export const TECHNOLOGIES = ['GSM', 'WCDMA', 'LTE', 'NR'] as const;

/**
 * Where a complaint work order goes (SPEC §11), in the order the rules are tried: a fault in force,
 * a coverage complaint answered from the construction plan or the no-investment list, a major
 * cluster (escalated when it is about coverage with no plan), a known weak-coverage hexagon, the rest.
 */
export const ROUTES = [
  'maintenance',
  'reply_planned',
  'reply_no_investment',
  'escalate',
  'priority',
  'construction',
  'optimisation',
  'unlocated',
] as const;

/** The routes' Chinese names (dashboard and monthly report); `untriaged`: stored before triage existed. */
export const ROUTE_NAMES_ZH: Readonly<Record<string, string>> = {
  maintenance: '维护',
  reply_planned: '建设计划答复',
  reply_no_investment: '无投资答复',
  escalate: '升级',
  priority: '重要投诉',
  construction: '建设',
  optimisation: '优化',
  unlocated: '未定位',
  untriaged: '未分拣',
} satisfies Record<(typeof ROUTES)[number] | 'untriaged', string>;

/** Event types of the alert stream (SPEC §8, §10); webhooks prefix them with `cellpulse.`. */
export const INCIDENT_EVENT_TYPES = [
  'incident.opened',
  'incident.updated',
  'incident.closed',
  'incident.acknowledged',
  'incident.resolved',
  // A scan signal no incident covers (SPEC §11): its `incident_id` is the signal id, its data the signal.
  'signal.detected',
] as const;
