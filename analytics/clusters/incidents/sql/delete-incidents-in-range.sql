DELETE FROM cluster_members WHERE incident_id IN (
  SELECT incident_id FROM incidents
  WHERE end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi));
DELETE FROM incidents
WHERE end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi);
