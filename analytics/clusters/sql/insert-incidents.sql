-- Writes a batch of detected incidents (parallel list parameters, one element per incident)
-- and their members. cell_ids: the cells whose site lies in one of the incident's hexes or a
-- neighbour ($near), joined once for the batch rather than a scan of cell_sites per incident.
CREATE OR REPLACE TEMP TABLE new_incidents AS
SELECT unnest($ids) AS incident_id, unnest($categories) AS category, unnest($cities) AS city,
  unnest($starts)::TIMESTAMPTZ AS start_at, unnest($ends)::TIMESTAMPTZ AS end_at,
  unnest($hexes) AS hexes, unnest($near) AS near, unnest($complaints) AS complaint_ids,
  unnest($counts) AS complaint_count, unnest($peaks) AS peak_count,
  unnest($lats) AS centroid_lat, unnest($lons) AS centroid_lon;
INSERT INTO incidents
WITH near AS (SELECT incident_id, unnest(near) AS h3 FROM new_incidents),
cells AS (
  SELECT near.incident_id, list(s.cell_id ORDER BY s.cell_id) AS cell_ids
  FROM near JOIN cell_sites s USING (h3) GROUP BY near.incident_id
)
SELECT n.incident_id, n.category, n.city, n.start_at, n.end_at, n.hexes, coalesce(c.cell_ids, []),
  n.complaint_ids, n.complaint_count, n.peak_count, n.centroid_lat, n.centroid_lon
FROM new_incidents n LEFT JOIN cells c USING (incident_id);
INSERT INTO cluster_members SELECT unnest(complaint_ids), incident_id FROM new_incidents;
DROP TABLE new_incidents;
