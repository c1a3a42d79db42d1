-- Hexagons with at least $min_complaints coverage complaints over [$from, $to), with what a
-- site candidate needs of them: the sums for the complaint-weighted centroid and the ids. The
-- threshold is applied on a plain count first, so the lists are built for kept hexagons only.
WITH hits AS (
  SELECT h3, complaint_id, lat, lon, technology FROM complaints
  WHERE h3 IS NOT NULL
    AND list_contains($categories, category)
    AND ($from IS NULL OR received_at >= $from::TIMESTAMPTZ)
    AND ($to IS NULL OR received_at < $to::TIMESTAMPTZ)
    AND ($technology IS NULL OR technology = $technology)
    AND ($city IS NULL OR city = $city)
), kept AS (
  SELECT h3 FROM hits GROUP BY h3 HAVING count(*) >= $min_complaints
)
SELECT h.h3,
  count(*) AS complaints,
  -- Summed as exact decimals: a parallel DOUBLE sum changes in the last digit from run to run.
  sum(h.lat::DECIMAL(18, 9))::DOUBLE AS lat_sum,
  sum(h.lon::DECIMAL(18, 9))::DOUBLE AS lon_sum,
  map_entries(histogram(h.technology)) AS technologies,
  list(h.complaint_id ORDER BY h.complaint_id) AS complaint_ids
FROM hits h SEMI JOIN kept k ON k.h3 = h.h3
GROUP BY h.h3
ORDER BY h.h3
