-- The listed categories' located complaints in the study period (lo, hi] (epoch seconds) as the
-- scan reads them: category (position in $categories), hexagon id (position in $hexes) and epoch
-- ms. Ordered, so that the seeded replicates draw from the same sequence whatever order the rows
-- are stored or joined in (equal rows are identical), and each category's rows come together.
WITH hexes AS (
  SELECT unnest($hexes) AS h3, (generate_subscripts($hexes, 1) - 1)::INTEGER AS hid
)
SELECT (list_position($categories, c.category) - 1)::INTEGER AS cat, hexes.hid, epoch_ms(c.received_at)::DOUBLE AS t
FROM complaints c JOIN hexes USING (h3)
WHERE list_contains($categories, c.category)
  AND c.received_at > to_timestamp($lo) AND c.received_at <= to_timestamp($hi)
ORDER BY cat, t, hexes.hid;
