-- The incidents just written from `staged_incidents`, with status, handling and significance as list-incidents.sql
-- gives them (open while the last complaint is less than 60 minutes older than the newest). The newest complaint
-- is at or after $newest_from (no later than the incidents' last complaints): older row groups are skipped.
WITH newest AS (SELECT max(received_at) AS t FROM complaints WHERE received_at >= $newest_from::TIMESTAMPTZ)
SELECT i.*, CASE WHEN (SELECT t FROM newest) - i.end_at < INTERVAL 60 MINUTE THEN 'open' ELSE 'closed' END AS status,
  h.state AS handling_state, h.acknowledged_at, h.acknowledged_by, h.resolved_at, h.resolved_by, h.root_cause,
  h.note AS handling_note, g.p_value AS significance_p, g.recurrence_interval_days AS significance_ri
FROM incidents i LEFT JOIN incident_handling h USING (incident_id)
  LEFT JOIN incident_significance g USING (incident_id)
SEMI JOIN staged_incidents s USING (incident_id)
ORDER BY i.start_at DESC, i.incident_id;
