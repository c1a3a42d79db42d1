-- Open while the incident's last complaint is less than 60 minutes older than the newest complaint.
WITH newest AS (SELECT max(received_at) AS t FROM complaints)
SELECT i.*, CASE WHEN (SELECT t FROM newest) - i.end_at < INTERVAL 60 MINUTE THEN 'open' ELSE 'closed' END AS status,
  h.state AS handling_state, h.acknowledged_at, h.acknowledged_by, h.resolved_at, h.resolved_by, h.root_cause,
  h.note AS handling_note, s.p_value AS significance_p, s.recurrence_interval_days AS significance_ri
FROM incidents i LEFT JOIN incident_handling h USING (incident_id)
  LEFT JOIN incident_significance s USING (incident_id)
WHERE ($from IS NULL OR i.end_at >= $from::TIMESTAMPTZ)
  AND ($to IS NULL OR i.start_at < $to::TIMESTAMPTZ)
  AND ($category IS NULL OR i.category = $category)
  AND ($city IS NULL OR i.city = $city)
  AND ($ids IS NULL OR list_contains($ids, i.incident_id))
ORDER BY i.start_at DESC, i.incident_id;
