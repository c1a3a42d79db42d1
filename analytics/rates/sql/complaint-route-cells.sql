-- Complaints per city, technology, local calendar day and triage route, for rates grouped by route.
-- Read from `complaints` itself, not the aggregates: a stored complaint's route changes after its write
-- (it joins a cluster, `triage --recompute`), and the aggregates every write keeps have no route
-- (see complaint-rates.ts). Casts between TIMESTAMPTZ and DATE use the session TimeZone, the database's
-- zone: local days and local midnights (a DATE cast costs about half of strftime per row).
SELECT city, technology, CAST(day AS VARCHAR) AS day, route, complaints
FROM (
  SELECT city, technology, CAST(received_at AS DATE) AS day, coalesce(route, 'untriaged') AS route,
    count(*) AS complaints
  FROM complaints
  WHERE ($city IS NULL OR city = $city)
    AND ($technology IS NULL OR technology = $technology)
    AND ($category IS NULL OR category = $category)
    AND ($first_day IS NULL OR received_at >= CAST(CAST($first_day AS DATE) AS TIMESTAMPTZ))
    AND ($end_day IS NULL OR received_at < CAST(CAST($end_day AS DATE) AS TIMESTAMPTZ))
  GROUP BY ALL
)
