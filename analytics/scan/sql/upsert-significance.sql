-- An incident keeps the best (smallest p, then largest recurrence interval) signal any analysis gave it.
INSERT INTO incident_significance
SELECT unnest($incidents), unnest($ps), unnest($ris), unnest($signals)
ON CONFLICT (incident_id) DO UPDATE SET
  p_value = excluded.p_value, recurrence_interval_days = excluded.recurrence_interval_days,
  signal_id = excluded.signal_id
  WHERE excluded.p_value < incident_significance.p_value;
