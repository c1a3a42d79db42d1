-- Complaints per city, technology and local calendar day (the session TimeZone is the
-- database's zone, so strftime gives the local day): the finest grain every rate is summed from.
SELECT city, technology, strftime(received_at, '%Y-%m-%d') AS day, count(*) AS complaints
FROM complaints
WHERE ($city IS NULL OR city = $city)
  AND ($technology IS NULL OR technology = $technology)
  AND ($category IS NULL OR category = $category)
  AND ($first_day IS NULL OR received_at >= $first_day::TIMESTAMP::TIMESTAMPTZ)
  AND ($end_day IS NULL OR received_at < $end_day::TIMESTAMP::TIMESTAMPTZ)
GROUP BY ALL
