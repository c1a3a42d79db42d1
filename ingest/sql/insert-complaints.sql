-- Writes the staged complaints (stage-complaints.sql, written in below) with their routes (joined in below: triage
-- of the same rows as probes keyed by line; NULLs when the caller does not triage). The staged rows are materialized
-- once when both read them.
INSERT INTO complaints (complaint_id, received_at, city, category, technology, lat, lon, located_by, h3, cell_id,
  replied_at, resolved_at, resolution, satisfied, run_id, route, route_reason)
WITH staged AS __materialized__ (__staged__)
SELECT c.complaint_id, c.received_at, c.city, c.category, c.technology, c.lat, c.lon, c.located_by, c.h3,
  c.cell_id, c.replied_at, c.resolved_at, c.resolution, c.satisfied, $run, __route_columns__
FROM staged c
__routes__
