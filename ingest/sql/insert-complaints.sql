-- Writes `staged_complaints` (see stage-complaints.sql). The route comes from `incoming_routes` (triage of the
-- incoming rows, keyed by line; empty when the caller does not triage).
INSERT INTO complaints (complaint_id, received_at, city, category, technology, lat, lon, located_by, h3, cell_id,
  replied_at, resolved_at, resolution, satisfied, run_id, route, route_reason)
SELECT c.complaint_id, c.received_at, c.city, c.category, c.technology, c.lat, c.lon, c.located_by, c.h3,
  c.cell_id, c.replied_at, c.resolved_at, c.resolution, c.satisfied, $run, r.route, r.route_reason
FROM staged_complaints c
LEFT JOIN incoming_routes r ON r.probe_id = c.line;
