/** The shapes of the API answers the dashboard reads (the server's zod schemas are the source). */
import type { Incident } from '../../../domain/incident';

export interface Meta {
  h3_resolution: number;
  time_zone: string;
  data_version: number;
}

export interface HexagonRow {
  h3: string;
  resolution: number;
  complaints: number;
  lat: number;
  lon: number;
}

export interface SiteRow {
  cell_id: string;
  site_id: string;
  city: string;
  technology: string;
  lat: number;
  lon: number;
  status: 'active' | 'fault' | 'planned' | 'no_investment';
}

export type { Incident, IncidentHandling, RootCause } from '../../../domain/incident';
export type { Signal } from '../../../domain/signal';
export type { CoverageTrend } from '../../../analytics/coverage/coverage-trends';

export interface RateRow {
  city?: string;
  technology?: string;
  month?: string;
  complaints: number;
  subscribers: number | null;
  rate_per_10k: number | null;
  target_per_10k: number | null;
  above_target: boolean | null;
  previous_rate_per_10k: number | null;
  change_per_10k: number | null;
  warning: string | null;
}

export interface KpiRow {
  city: string;
  month: string;
  complaints: number;
  due: number;
  pending: number;
  on_time: number;
  on_time_rate: number | null;
  limit_passed: number;
  resolved: number;
  resolution_ratio: number | null;
  compliant: number;
  commitment_compliance: number | null;
  surveyed: number;
  satisfied: number;
  satisfaction_rate: number | null;
}

export interface NearestSite {
  cell_id: string;
  site_id: string;
  lat: number;
  lon: number;
  distance_km: number;
}

export interface CoverageRow {
  h3: string;
  lat: number;
  lon: number;
  complaints: number;
  distinct_days: number;
  complaints_per_day: number;
  technology: string;
  nearest_site: NearestSite | null;
}

export interface SiteCandidate {
  candidate_id: string;
  status: 'proposed' | 'no_investment' | 'planned_site';
  status_reason: string | null;
  technology: string;
  hexes: string[];
  complaints: number;
  proposed_point: { lat: number; lon: number };
  nearest_active: NearestSite | null;
  nearest_planned: NearestSite | null;
}

export interface NearbyEvent {
  event_id: string;
  kind: string;
  cell_id: string | null;
  starts_at: string;
  ends_at: string | null;
  note: string | null;
  distance_km: number;
  covers_point: boolean;
}

export interface LookupAnswer {
  point: { lat: number; lon: number; h3: string; located_by: 'point' | 'cell' };
  at: string;
  radius_km: number;
  events: NearbyEvent[];
  incidents: Incident[];
  weak_coverage: { h3: string; complaints: number; distinct_days: number; days: number } | null;
  planned_construction: NearbyEvent[];
  planned_sites: NearestSite[];
  no_investment: boolean;
  nearest_active_site: NearestSite | null;
  answer: { reason: string; zh: string; en: string };
}
