-- The H3 cells of the listed categories' located complaints in the study period (lo, hi] (epoch
-- seconds): the scan's hexagon dictionary (a cell's position is its id), shared by the categories.
SELECT DISTINCT h3
FROM complaints
WHERE h3 IS NOT NULL AND list_contains($categories, category)
  AND received_at > to_timestamp($lo) AND received_at <= to_timestamp($hi)
ORDER BY h3;
