/**
 * The shapes of the API answers the dashboard reads: the server's zod schemas in domain/ are
 * their one source; the dashboard only names them (types only, nothing of the server is bundled).
 */
export type { DatabaseMeta as Meta } from '../../../domain/database-meta';
export type { HexagonCount as HexagonRow } from '../../../domain/hexagon-count';
export type { CellSite as SiteRow } from '../../../domain/cell-site';
export type { Incident, IncidentHandling, RootCause } from '../../../domain/incident';
export type { Signal } from '../../../domain/signal';
export type { RateRow } from '../../../domain/complaint-rate';
export type { KpiRow } from '../../../domain/service-kpis';
export type {
  CoverageTrend,
  NearestSite,
  SiteCandidate,
  WeakCoverageHex as CoverageRow,
} from '../../../domain/coverage';
export type { Lookup as LookupAnswer, NearbyEvent } from '../../../domain/lookup';
