-- The incoming complaints as triage probes (see analytics/triage), located as they will be stored (`staged`, the
-- insert's CTE of stage-complaints.sql); cluster membership is not known before the incident refresh (the triage
-- after it applies that rule).
SELECT line AS probe_id, received_at AS t, lat, lon, h3, cell_id, category, true AS counts,
  NULL::VARCHAR AS cluster_id, false AS cluster_coverage
FROM staged
