-- A category's located complaints in the study period (lo, hi] (epoch seconds) as the scan reads
-- them: hexagon id (position in $hexes) and epoch ms. Ordered, so that the seeded replicates draw
-- from the same sequence whatever order the rows are stored or joined in (equal rows are identical).
WITH hexes AS (
  SELECT unnest($hexes) AS h3, (generate_subscripts($hexes, 1) - 1)::INTEGER AS hid
)
SELECT hexes.hid, epoch_ms(c.received_at)::DOUBLE AS t
FROM complaints c JOIN hexes USING (h3)
WHERE c.category = $category AND c.received_at > to_timestamp($lo) AND c.received_at <= to_timestamp($hi)
ORDER BY t, hexes.hid;
