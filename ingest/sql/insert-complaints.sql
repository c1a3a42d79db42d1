-- `valid` holds the winning (last) line of each complaint_id; its point is the given one (already WGS-84 in `geo`),
-- else its cell's site, else it stays unlocated. The route comes from `incoming_routes` (triage of the
-- incoming rows, keyed by line; empty when the caller does not triage).
INSERT INTO complaints (complaint_id, received_at, city, category, technology, lat, lon, located_by, h3, cell_id,
  replied_at, resolved_at, resolution, satisfied, run_id, route, route_reason)
SELECT v.complaint_id, v.received_at_v, v.city, v.category_v, v.technology_v,
  coalesce(g.lat, s.lat), coalesce(g.lon, s.lon),
  CASE WHEN g.line IS NOT NULL THEN 'point' WHEN s.cell_id IS NOT NULL THEN 'cell' END,
  coalesce(g.h3, s.h3), v.cell_id, v.replied_at_v, v.resolved_at_v, v.resolution_v, v.satisfied_v, $run,
  r.route, r.route_reason
FROM valid v
LEFT JOIN geo g ON g.line = v.line
LEFT JOIN cell_sites s ON s.cell_id = v.cell_id
LEFT JOIN incoming_routes r ON r.probe_id = v.line;
