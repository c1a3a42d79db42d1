-- Coverage complaints per hexagon over [$from, $to). The ranking and LIMIT come first, on a
-- plain count; distinct days and the technology mix, the costly aggregates, are computed for the
-- kept hexagons only. CAST(... AS DATE) of a TIMESTAMPTZ is the local day in the session
-- TimeZone, which is the database's zone.
WITH hits AS (
  SELECT h3, received_at, technology FROM complaints
  WHERE h3 IS NOT NULL
    AND list_contains($categories, category)
    AND ($from IS NULL OR received_at >= $from::TIMESTAMPTZ)
    AND ($to IS NULL OR received_at < $to::TIMESTAMPTZ)
    AND ($technology IS NULL OR technology = $technology)
    AND ($city IS NULL OR city = $city)
), ranked AS (
  SELECT h3, count(*) AS complaints FROM hits
  GROUP BY h3
  HAVING count(*) >= $min_complaints
  ORDER BY complaints DESC, h3
  LIMIT $limit
)
SELECT r.h3, r.complaints,
  count(DISTINCT CAST(h.received_at AS DATE)) AS distinct_days,
  map_entries(histogram(h.technology)) AS technologies
FROM ranked r JOIN hits h ON h.h3 = r.h3
GROUP BY r.h3, r.complaints
ORDER BY r.complaints DESC, r.h3
