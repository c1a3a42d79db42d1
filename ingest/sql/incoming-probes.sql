-- The incoming complaints as triage probes (see analytics/triage), located as insert-complaints locates them;
-- cluster membership is not known before the incident refresh (the triage after it applies that rule).
SELECT v.line AS probe_id, v.received_at_v AS t, coalesce(g.lat, s.lat) AS lat, coalesce(g.lon, s.lon) AS lon,
  coalesce(g.h3, s.h3) AS h3, v.cell_id, v.category_v AS category, true AS counts,
  NULL::VARCHAR AS cluster_id, false AS cluster_coverage
FROM valid v
LEFT JOIN geo g ON g.line = v.line
LEFT JOIN cell_sites s ON s.cell_id = v.cell_id
