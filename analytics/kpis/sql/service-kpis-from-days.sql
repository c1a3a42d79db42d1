-- Service-commitment KPIs (SPEC §4) with the default reply limits, from the day aggregate kept by every
-- write (analytics/aggregates) plus the few complaints whose limit may not have passed at as_of.
-- Same columns, rows and order as service-kpis.sql (the full scan, used for other limits).
-- $as_of_ms and $cut_day come from service-kpis-cut.sql, as constants so the scan of recent complaints
-- skips the older row groups.
WITH bounds AS (
  SELECT $as_of_ms::BIGINT AS as_of_ms
),
cut AS (
  SELECT $as_of_ms::BIGINT AS as_of_ms, $cut_day::VARCHAR AS cut_day
),
settled AS (
  -- Summed per key first: live writes keep signed delta rows beside the base (a key counts once it has complaints).
  SELECT city, substr(day, 1, 7) AS month, sum(complaints) AS complaints, sum(complaints) AS due, 0 AS pending,
    sum(on_time) AS on_time, sum(complaints) AS limit_passed, sum(resolved) AS resolved,
    sum(compliant) AS compliant, sum(surveyed) AS surveyed, sum(satisfied) AS satisfied
  FROM agg_complaint_day_rows, cut
  WHERE day < cut_day
    AND ($city IS NULL OR city = $city)
    AND ($from_month IS NULL OR substr(day, 1, 7) >= $from_month)
    AND ($to_month IS NULL OR substr(day, 1, 7) <= $to_month)
  GROUP BY city, technology, category, day
  HAVING sum(complaints) > 0
),
judged AS (
  SELECT
    c.city,
    strftime(c.received_at, '%Y-%m') AS month,
    epoch_ms(c.received_at) + CASE WHEN m.complaint_id IS NULL
      THEN $reply_limit_ms::BIGINT ELSE $cluster_reply_limit_ms::BIGINT END AS deadline_ms,
    epoch_ms(c.replied_at) AS replied_ms,
    c.resolved_at IS NOT NULL AND c.resolution IS DISTINCT FROM 'unresolved' AS is_resolved,
    c.satisfied
  FROM complaints c
  LEFT JOIN cluster_members m USING (complaint_id), cut
  WHERE c.received_at >= $cut_day::TIMESTAMP::TIMESTAMPTZ
    AND ($city IS NULL OR c.city = $city)
),
flagged AS (
  SELECT
    city,
    month,
    coalesce(replied_ms <= deadline_ms, false) AS on_time,
    deadline_ms <= as_of_ms AS limit_passed,
    replied_ms IS NOT NULL OR deadline_ms <= as_of_ms AS due,
    is_resolved,
    satisfied
  FROM judged, bounds
  WHERE ($from_month IS NULL OR month >= $from_month)
    AND ($to_month IS NULL OR month <= $to_month)
),
recent AS (
  SELECT
    city,
    month,
    count(*) AS complaints,
    count(*) FILTER (WHERE due) AS due,
    count(*) FILTER (WHERE NOT due) AS pending,
    count(*) FILTER (WHERE on_time) AS on_time,
    count(*) FILTER (WHERE limit_passed) AS limit_passed,
    count(*) FILTER (WHERE limit_passed AND is_resolved) AS resolved,
    count(*) FILTER (WHERE on_time AND is_resolved AND satisfied IS DISTINCT FROM false) AS compliant,
    count(satisfied) AS surveyed,
    count(*) FILTER (WHERE satisfied) AS satisfied
  FROM flagged
  GROUP BY ALL
),
counted AS (
  SELECT
    CASE WHEN grouping(city) = 1 THEN 'ALL' ELSE city END AS city,
    month,
    grouping(city) AS is_total,
    sum(complaints) AS complaints,
    sum(due) AS due,
    sum(pending) AS pending,
    sum(on_time) AS on_time,
    sum(limit_passed) AS limit_passed,
    sum(resolved) AS resolved,
    sum(compliant) AS compliant,
    sum(surveyed) AS surveyed,
    sum(satisfied) AS satisfied
  FROM (SELECT * FROM settled UNION ALL SELECT * FROM recent)
  GROUP BY GROUPING SETS ((city, month), (month))
  HAVING $totals OR grouping(city) = 0
)
SELECT
  city, month, complaints,
  due, pending, on_time, on_time::DOUBLE / nullif(due, 0) AS on_time_rate,
  limit_passed, resolved, resolved::DOUBLE / nullif(limit_passed, 0) AS resolution_ratio,
  compliant, compliant::DOUBLE / nullif(due, 0) AS commitment_compliance,
  surveyed, satisfied, satisfied::DOUBLE / nullif(surveyed, 0) AS satisfaction_rate
FROM counted
ORDER BY month, is_total, city
