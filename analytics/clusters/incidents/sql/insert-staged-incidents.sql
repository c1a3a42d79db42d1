-- Writes the incidents in `staged_incidents` and their members. cell_ids: the cells whose site
-- lies in one of the incident's hexes or a neighbour (`staged_near`), joined once for the batch.
INSERT INTO incidents (incident_id, category, city, start_at, end_at, hexes, cell_ids, complaint_ids,
  complaint_count, peak_count, centroid_lat, centroid_lon)
WITH cells AS (
  SELECT n.incident_id, list(s.cell_id ORDER BY s.cell_id) AS cell_ids
  FROM staged_near n JOIN cell_sites s USING (h3) GROUP BY n.incident_id
)
SELECT n.incident_id, n.category, n.city, n.start_at, n.end_at, n.hexes, coalesce(c.cell_ids, []),
  n.complaint_ids, n.complaint_count, n.peak_count, n.centroid_lat, n.centroid_lon
FROM staged_incidents n LEFT JOIN cells c USING (incident_id);
INSERT INTO cluster_members (complaint_id, incident_id)
SELECT unnest(complaint_ids), incident_id FROM staged_incidents;
