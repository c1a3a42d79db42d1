/**
 * Major clusters (SPEC §3), laid out by role:
 * - `rule.ts`: the rule once (window, count, neighbours, the (t, complaint_id) order) and the shared types.
 * - What runs when a complaint arrives:
 *   a file ingest calls `refreshIncidents` (incidents/refresh-incidents.ts), which detects over the stored
 *   range with `detectStored` (detector/detect-stored.ts); a live write calls `refreshAround`
 *   (incidents/refresh-around.ts), which detects around the changed places with `columnarClusters`.
 *   Both run the columnar detector, detector/columnar-detector.ts, and write with incidents/incident-writer.ts.
 * - incidents/: the incident store — refresh (the two above), write (incident-writer.ts), read
 *   (incident-reader.ts: what the API, CLI and reports list), and what a refresh changed (incident-change.ts).
 * - reference/: the readable enumeration and the brute force of the rule that the detector is tested
 *   against, and the loader the tests and benches feed them with. Tests and benches only: production code
 *   never imports it.
 */
export {
  DEFAULT_MIN_COUNT,
  DEFAULT_WINDOW_MS,
  type DetectOptions,
  type Detection,
  type DetectedIncident,
} from './rule.js';
export type { ClusterComplaint, Incident } from '../../domain/incident.js';
export { columnarClusters, describeFound, findIncidents, type FoundIncident } from './detector/columnar-detector.js';
export { complaintColumnsOf, type ComplaintColumns } from './detector/complaint-columns.js';
export { detectInColumns, detectStored } from './detector/detect-stored.js';
export { loadComplaintColumns, readComplaints, type StoredColumns } from './detector/load-complaint-columns.js';
export { refreshIncidents } from './incidents/refresh-incidents.js';
export { refreshAround, type ChangedPlace } from './incidents/refresh-around.js';
export type { IncidentChange } from './incidents/incident-change.js';
export { getIncident, listIncidents, type IncidentFilter } from './incidents/incident-reader.js';
