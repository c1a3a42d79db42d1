-- Located complaints received in [lo, hi] (epoch seconds) as the columnar detector reads them:
-- category position, hexagon id (dense, from a dictionary of this range), epoch ms; ordered by
-- those so each (category, hexagon) list arrives time-ordered. The rest is read per flagged row.
WITH located AS (
  SELECT complaint_id, category, h3, received_at, city, lat, lon
  FROM complaints
  WHERE h3 IS NOT NULL AND received_at BETWEEN to_timestamp($lo) AND to_timestamp($hi)
), hexes AS (
  SELECT h3, (row_number() OVER () - 1)::INTEGER AS hid FROM (SELECT DISTINCT h3 FROM located)
)
SELECT (list_position($categories, category) - 1)::UTINYINT AS cat, hid, epoch_ms(received_at)::DOUBLE AS t,
  h3, complaint_id, city, lat, lon
FROM located JOIN hexes USING (h3)
ORDER BY cat, hid, t;
