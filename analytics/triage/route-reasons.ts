import { STICKY_ROUTES } from '../../domain/triage.js';
import { quoteLiteral } from '../../store/sql-files.js';
import { TRIAGE_RULES } from './triage-rules.js';

/**
 * The reasons that follow from the route alone (SPEC §11's last three routes). `complaints.route_reason` is NULL for
 * them: most of a file's complaints take one, and a million heap strings cost a third of a second in the insert and
 * more at commit, for a text the route already says. Every reader of the column reads it through `readReasonSql`.
 */
export const STANDARD_REASONS = {
  optimisation: 'no known problem',
  construction:
    `known weak-coverage hexagon (at least ${TRIAGE_RULES.weakMin} coverage complaints in ` +
    `${TRIAGE_RULES.weakDays} days)`,
  unlocated: 'no point and no known cell',
} as const;

const STANDARD = Object.entries(STANDARD_REASONS);

/** SQL: the route expression `route` is not one of STICKY_ROUTES (a NULL route is not). */
export function notStickySql(route: string): string {
  return `coalesce(${route}, '') NOT IN (${STICKY_ROUTES.map(quoteLiteral).join(', ')})`;
}

/** The reason as stored: NULL when it is the route's standard one. */
export function storedReason(route: string | null, reason: string | null): string | null {
  return route !== null && Object.hasOwn(STANDARD_REASONS, route) ? null : reason;
}

/** SQL of `storedReason` over two SQL expressions. */
export function storedReasonSql(route: string, reason: string): string {
  const routes = STANDARD.map(([r]) => quoteLiteral(r)).join(', ');
  return `CASE WHEN ${route} IN (${routes}) THEN NULL ELSE ${reason} END`;
}

/** SQL of the reason as read: the stored one, else the route's standard one. */
export function readReasonSql(route: string, reason: string): string {
  const cases = STANDARD.map(([r, text]) => `WHEN ${quoteLiteral(r)} THEN ${quoteLiteral(text)}`).join(' ');
  return `coalesce(${reason}, CASE ${route} ${cases} END)`;
}

/** The cluster rule's reason (SPEC §11): the incident, and for a coverage complaint that no plan stands. */
export function clusterReason(incidentId: string, coverage: boolean): string {
  return `major cluster ${incidentId}${coverage ? CLUSTER_COVERAGE : ''}`;
}

/** SQL of `clusterReason` over two SQL expressions (the incident id, whether the complaint is about coverage). */
export function clusterReasonSql(incident: string, coverage: string): string {
  return `'major cluster ' || ${incident} || CASE WHEN ${coverage} THEN ${quoteLiteral(CLUSTER_COVERAGE)} ELSE '' END`;
}

const CLUSTER_COVERAGE = ', coverage, no construction plan';
