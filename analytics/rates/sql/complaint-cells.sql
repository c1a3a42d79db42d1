-- Complaints per city, technology and local calendar day (the finest grain every rate is summed from),
-- read from the aggregate every write keeps (analytics/aggregates; base and live deltas, summed): days are
-- local days in the database's zone.
SELECT city, technology, day, sum(complaints) AS complaints
FROM agg_complaint_day_rows
WHERE ($city IS NULL OR city = $city)
  AND ($technology IS NULL OR technology = $technology)
  AND ($category IS NULL OR category = $category)
  AND ($first_day IS NULL OR day >= $first_day)
  AND ($end_day IS NULL OR day < $end_day)
GROUP BY ALL
HAVING sum(complaints) > 0
