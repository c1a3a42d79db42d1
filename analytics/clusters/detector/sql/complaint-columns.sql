-- Located complaints received in [lo, hi] (epoch seconds) as the columnar detector reads them:
-- category position, hexagon id (position in $hexes), epoch ms and the rowid in two halves
-- (rows inserted by the open transaction have rowids past 2^53, beyond a double), ordered so that each
-- (category, hexagon) list arrives time-ordered. Ids, cities and points are read later, for
-- the rows in an incident only.
WITH hexes AS (
  SELECT unnest($hexes) AS h3, (generate_subscripts($hexes, 1) - 1)::INTEGER AS hid
)
SELECT (list_position($categories, c.category) - 1)::UTINYINT AS cat, hexes.hid,
  epoch_ms(c.received_at)::DOUBLE AS t,
  (c.rowid >> 32)::UINTEGER AS rowid_hi, (c.rowid & 4294967295)::UINTEGER AS rowid_lo
FROM complaints c JOIN hexes USING (h3)
WHERE c.received_at BETWEEN to_timestamp($lo) AND to_timestamp($hi) AND list_contains($categories, c.category)
ORDER BY cat, hid, t;
