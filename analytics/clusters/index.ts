export { detectClusters, DEFAULT_MIN_COUNT, DEFAULT_WINDOW_MS, type DetectOptions, type Detection, type DetectedIncident } from './batch-detector.js';
export { detectInColumns, detectStored, getIncident, listIncidents, loadClusterComplaints, refreshIncidents, type IncidentChange, type IncidentFilter } from './incident-store.js';
export type { ClusterComplaint, Incident } from '../../domain/incident.js';
export { columnarClusters, describeFound, findIncidents, type FoundIncident } from './columnar-detector.js';
export { complaintColumnsOf, type ComplaintColumns } from './complaint-columns.js';
export { loadComplaintColumns, readComplaints, type StoredColumns } from './load-complaint-columns.js';
