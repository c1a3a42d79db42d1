-- The located complaints of a detection region: per (category, hexagon) a span of received_at
-- (epoch ms, parallel lists). The bounds $lo..$hi (epoch seconds) hold every span, so only the
-- row groups of that stretch of time are read.
WITH region AS (
  SELECT unnest($categories) AS category, unnest($hexes) AS h3, unnest($los) AS lo, unnest($his) AS hi
)
SELECT c.complaint_id, c.category, c.h3, epoch_ms(c.received_at) AS t, c.city, c.lat, c.lon
FROM complaints c JOIN region r ON c.category = r.category AND c.h3 = r.h3
WHERE c.received_at BETWEEN to_timestamp($lo) AND to_timestamp($hi)
  AND epoch_ms(c.received_at) BETWEEN r.lo AND r.hi;
