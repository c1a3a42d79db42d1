import { cellToLatLng, latLngToCell } from 'h3-js';
import type { InputKind } from '../../domain/enums.js';
import { detectFormat } from '../../ingest/formats.js';
import type { Crs } from '../../ingest/gcj02.js';
import { ingest, type IngestSummary } from '../../ingest/ingest.js';
import type { Database } from '../../store/database.js';
import type { FixtureRow } from './write-fixture.js';

/** Ingests a file the way the CLI does (format from the extension). */
export function ingestPath(db: Database, kind: InputKind, path: string, crs?: Crs): Promise<IngestSummary> {
  return ingest(db, { kind, source: { path, format: detectFormat(path) }, ...(crs ? { crs } : {}), actor: 'test' });
}

/** A minimal valid complaint, overridable field by field. */
export function complaintRow(id: string, overrides: FixtureRow = {}): FixtureRow {
  return {
    complaint_id: id,
    received_at: '2026-03-05T08:15:00+08:00',
    city: 'Harbin',
    category: 'weak_coverage',
    technology: 'LTE',
    ...overrides,
  };
}

/**
 * A burst that makes a major incident: six call_drop complaints on LTE in `city`, five minutes apart from 10:00 local
 * (+08:00) on `day` (YYYY-MM-DD), the i-th at `where(i)`.
 */
export function callDropBurst(
  prefix: string,
  day: string,
  city: string,
  where: (i: number) => { lat: number; lon: number },
): FixtureRow[] {
  return Array.from({ length: 6 }, (_, i) => ({
    complaint_id: `${prefix}-${i}`,
    received_at: `${day}T10:${String(i * 5).padStart(2, '0')}:00+08:00`,
    city,
    category: 'call_drop',
    technology: 'LTE',
    ...where(i),
  }));
}

/** A complaint at the centre of hexagon `h3`, received at `t` (epoch ms), overridable field by field. */
export function complaintInHex(id: string, h3: string, t: number, overrides: FixtureRow = {}): FixtureRow {
  const [lat, lon] = cellToLatLng(h3);
  return complaintRow(id, { received_at: new Date(t).toISOString(), lat, lon, ...overrides });
}

/** H3 cell at the test resolution, computed here with h3-js, independently of the ingest. */
export function cellAt(lat: number, lon: number, resolution = 8): string {
  return latLngToCell(lat, lon, resolution);
}

/** Complaints covering every field; times are given in three spellings (offset, Z, local). */
export const COMPLAINT_ROWS: FixtureRow[] = [
  {
    complaint_id: 'C-1',
    received_at: '2026-03-05T08:15:00+08:00',
    city: 'Harbin',
    category: 'weak_coverage',
    technology: 'LTE',
    lat: 45.75,
    lon: 126.63,
    cell_id: 'HRB-001',
    replied_at: '2026-03-05 09:00:00',
    resolved_at: '2026-03-06T01:00:00Z',
    resolution: 'fault_repair',
    satisfied: true,
  },
  {
    complaint_id: 'C-2',
    received_at: '2026-03-05 23:59:59',
    city: 'Qiqihar',
    category: 'Call_Drop',
    technology: 'nr',
    lat: 47.3543,
    lon: 123.9182,
    cell_id: '',
    replied_at: '',
    resolved_at: '',
    resolution: 'Optimisation',
    satisfied: false,
  },
  {
    complaint_id: 'C-3',
    received_at: '2026-03-06T00:00:00Z',
    city: 'Daqing',
    category: 'no_service',
    technology: 'GSM',
  },
];

/** Where a stored complaint was placed: its point, how it was located, and its hexagon. */
export function storedPoint(lat: number, lon: number, locatedBy: 'point' | 'cell' = 'point'): FixtureRow {
  return { lat, lon, located_by: locatedBy, h3: cellAt(lat, lon) };
}

/**
 * A complaint as the bare ingest stores it (run_id aside): no point, no handling and no route unless given, since
 * the bare ingest does not triage (the ingest service does).
 */
export function storedComplaint(fields: StoredComplaintKey & FixtureRow): FixtureRow {
  return {
    lat: null,
    lon: null,
    located_by: null,
    h3: null,
    cell_id: null,
    replied_at: null,
    resolved_at: null,
    resolution: null,
    satisfied: null,
    route: null,
    route_reason: null,
    ...fields,
  };
}

interface StoredComplaintKey {
  complaint_id: string;
  received_at: string;
  city: string;
  category: string;
  technology: string;
}

/** What the complaints table must hold for COMPLAINT_ROWS (run_id aside). */
export const COMPLAINTS_STORED = [
  storedComplaint({
    complaint_id: 'C-1',
    received_at: '2026-03-05T00:15:00.000Z',
    city: 'Harbin',
    category: 'weak_coverage',
    technology: 'LTE',
    ...storedPoint(45.75, 126.63),
    cell_id: 'HRB-001',
    replied_at: '2026-03-05T01:00:00.000Z',
    resolved_at: '2026-03-06T01:00:00.000Z',
    resolution: 'fault_repair',
    satisfied: true,
  }),
  storedComplaint({
    complaint_id: 'C-2',
    received_at: '2026-03-05T15:59:59.000Z',
    city: 'Qiqihar',
    category: 'call_drop',
    technology: 'NR',
    ...storedPoint(47.3543, 123.9182),
    resolution: 'optimisation',
    satisfied: false,
  }),
  storedComplaint({
    complaint_id: 'C-3',
    received_at: '2026-03-06T00:00:00.000Z',
    city: 'Daqing',
    category: 'no_service',
    technology: 'GSM',
  }),
];

/** A site row already in canonical form: stored as written, plus its hexagon. */
const HRB_001 = {
  cell_id: 'HRB-001',
  site_id: 'HRB-S1',
  city: 'Harbin',
  technology: 'LTE',
  lat: 45.7567,
  lon: 126.6424,
  azimuth: 120,
  status: 'active',
};

export const SITE_ROWS: FixtureRow[] = [
  HRB_001,
  {
    cell_id: 'HRB-002',
    site_id: 'HRB-S1',
    city: 'Harbin',
    technology: 'nr',
    lat: 45.7567,
    lon: 126.6424,
    azimuth: 0,
    status: 'FAULT',
  },
  { cell_id: 'QQH-001', site_id: 'QQH-S9', city: 'Qiqihar', technology: 'GSM', lat: 47.3543, lon: 123.9182 },
];

export const SITES_STORED = [
  { ...HRB_001, h3: cellAt(45.7567, 126.6424) },
  {
    cell_id: 'HRB-002',
    site_id: 'HRB-S1',
    city: 'Harbin',
    technology: 'NR',
    lat: 45.7567,
    lon: 126.6424,
    azimuth: 0,
    status: 'fault',
    h3: cellAt(45.7567, 126.6424),
  },
  {
    cell_id: 'QQH-001',
    site_id: 'QQH-S9',
    city: 'Qiqihar',
    technology: 'GSM',
    lat: 47.3543,
    lon: 123.9182,
    azimuth: null,
    status: 'active',
    h3: cellAt(47.3543, 123.9182),
  },
];

export const SUBSCRIBER_ROWS: FixtureRow[] = [
  { city: 'Harbin', technology: 'LTE', month: '2026-03', subscribers: 2450000 },
  { city: 'Harbin', technology: 'gsm', month: '2026-03', subscribers: 310000 },
  { city: 'Qiqihar', technology: 'NR', month: '2026-02', subscribers: 1 },
];

export const SUBSCRIBERS_STORED = [
  { city: 'Harbin', technology: 'GSM', month: '2026-03', subscribers: 310000 },
  { city: 'Harbin', technology: 'LTE', month: '2026-03', subscribers: 2450000 },
  { city: 'Qiqihar', technology: 'NR', month: '2026-02', subscribers: 1 },
];

export const EVENT_ROWS: FixtureRow[] = [
  {
    event_id: 'E-1',
    cell_id: 'HRB-001',
    kind: 'outage',
    starts_at: '2026-03-05 06:00:00',
    ends_at: '2026-03-05T12:00:00+08:00',
    note: 'fibre cut',
  },
  {
    event_id: 'E-2',
    lat: 45.76,
    lon: 126.65,
    radius_m: 800,
    kind: 'Planned_Construction',
    starts_at: '2026-04-01T00:00:00Z',
  },
  { lat: 47.35, lon: 123.92, kind: 'no_investment', starts_at: '2026-01-01T00:00:00+08:00', note: 'wetland reserve' },
];

export const EVENTS_STORED = [
  {
    event_id: 'E-1',
    cell_id: 'HRB-001',
    lat: null,
    lon: null,
    radius_m: 500,
    kind: 'outage',
    starts_at: '2026-03-04T22:00:00.000Z',
    ends_at: '2026-03-05T04:00:00.000Z',
    note: 'fibre cut',
  },
  {
    event_id: 'E-2',
    cell_id: null,
    lat: 45.76,
    lon: 126.65,
    radius_m: 800,
    kind: 'planned_construction',
    starts_at: '2026-04-01T00:00:00.000Z',
    ends_at: null,
    note: null,
  },
  {
    cell_id: null,
    lat: 47.35,
    lon: 123.92,
    radius_m: 500,
    kind: 'no_investment',
    starts_at: '2025-12-31T16:00:00.000Z',
    ends_at: null,
    note: 'wetland reserve',
  },
];
