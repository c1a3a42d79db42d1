-- The H3 cells of a category's located complaints in the study period (lo, hi] (epoch seconds):
-- the scan's hexagon dictionary (a cell's position is its id).
SELECT DISTINCT h3
FROM complaints
WHERE h3 IS NOT NULL AND category = $category
  AND received_at > to_timestamp($lo) AND received_at <= to_timestamp($hi)
ORDER BY h3;
