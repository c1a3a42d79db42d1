-- Service-commitment KPIs (SPEC §4) per city and local month, plus province totals (city 'ALL')
-- when $totals. Times are compared as epoch milliseconds: exact, and immune to DST in the zone.
WITH bounds AS (
  -- "Past its limit" is judged at as_of: by default the newest complaint (data time, not the wall clock).
  SELECT epoch_ms(coalesce($as_of::TIMESTAMPTZ, max(received_at))) AS as_of_ms FROM complaints
),
judged AS (
  SELECT
    c.city,
    -- The session TimeZone is the database's zone, so this is the local month.
    strftime(c.received_at, '%Y-%m') AS month,
    epoch_ms(c.received_at)
      + CASE WHEN m.complaint_id IS NULL THEN $reply_limit_ms::BIGINT
             ELSE $cluster_reply_limit_ms::BIGINT END AS deadline_ms,
    epoch_ms(c.replied_at) AS replied_ms,
    c.resolved_at IS NOT NULL AND c.resolution IS DISTINCT FROM 'unresolved' AS is_resolved,
    c.satisfied
  FROM complaints c
  LEFT JOIN cluster_members m USING (complaint_id)
  WHERE ($city IS NULL OR c.city = $city)
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
counted AS (
  SELECT
    CASE WHEN grouping(city) = 1 THEN 'ALL' ELSE city END AS city,
    month,
    grouping(city) AS is_total,
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
