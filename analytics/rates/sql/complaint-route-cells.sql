-- Complaints per city, technology, local calendar day and triage route, for rates grouped by route.
-- Read from `complaints` itself, not the aggregates: a stored complaint's route changes after its write
-- (it joins a cluster, `triage --recompute`), and the aggregates every write keeps have no route
-- (see complaint-rates.ts). Day bounds are local midnights in the database's zone (the session TimeZone).
SELECT city, technology, strftime(received_at, '%Y-%m-%d') AS day, coalesce(route, 'untriaged') AS route,
  count(*) AS complaints
FROM complaints
WHERE ($city IS NULL OR city = $city)
  AND ($technology IS NULL OR technology = $technology)
  AND ($category IS NULL OR category = $category)
  AND ($first_day IS NULL OR received_at >= CAST(CAST($first_day AS DATE) AS TIMESTAMPTZ))
  AND ($end_day IS NULL OR received_at < CAST(CAST($end_day AS DATE) AS TIMESTAMPTZ))
GROUP BY ALL
