/** Constants of the triage rules (SPEC §6, §11). */
export const TRIAGE_RULES = {
  /** A planned cell this close to a coverage complaint's point means a construction plan, km. */
  plannedKm: 1,
  /** Coverage complaints in a hexagon over `weakDays` days before that make it known weak coverage. */
  weakMin: 3,
  weakDays: 90,
} as const;
