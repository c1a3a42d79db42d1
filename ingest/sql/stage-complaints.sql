-- The winning line of each complaint_id (`valid`) as it will be stored, located once: its point is the given one
-- (already WGS-84 in `geo`), else its cell's site, else it stays unlocated. The insert (insert-complaints.sql)
-- holds these rows as a CTE that triage's probes read too, so no million-row temp table is written for them.
SELECT v.line, v.complaint_id, v.received_at_v AS received_at, v.city, v.category_v AS category,
  v.technology_v AS technology, coalesce(g.lat, s.lat) AS lat, coalesce(g.lon, s.lon) AS lon,
  CASE WHEN g.line IS NOT NULL THEN 'point' WHEN s.cell_id IS NOT NULL THEN 'cell' END AS located_by,
  coalesce(g.h3, s.h3) AS h3, v.cell_id, v.replied_at_v AS replied_at, v.resolved_at_v AS resolved_at,
  v.resolution_v AS resolution, v.satisfied_v AS satisfied
FROM valid v
LEFT JOIN geo g ON g.line = v.line
LEFT JOIN cell_sites s ON s.cell_id = v.cell_id
