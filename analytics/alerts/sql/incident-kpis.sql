-- Incidents per city and local month of their start, and how many were acknowledged within 2 h
-- of their start (SPEC §10: the seed's priority limit), with province rows (city 'ALL').
WITH started AS (
  SELECT i.city, strftime(i.start_at, '%Y-%m') AS month,
    coalesce(epoch_ms(h.acknowledged_at) - epoch_ms(i.start_at) <= $limit_ms, false) AS acknowledged_in_time
  FROM incidents i LEFT JOIN incident_handling h USING (incident_id)
  WHERE $city IS NULL OR i.city = $city
)
SELECT CASE WHEN grouping(city) = 1 THEN 'ALL' ELSE city END AS city, month,
  count(*) AS incidents, count(*) FILTER (WHERE acknowledged_in_time) AS acknowledged_2h
FROM started
GROUP BY GROUPING SETS ((city, month), (month))
