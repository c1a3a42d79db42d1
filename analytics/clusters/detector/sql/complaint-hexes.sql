-- The H3 cells of the located complaints received in [lo, hi] (epoch seconds): the columnar
-- detector's hexagon dictionary (a cell's position is its id).
SELECT DISTINCT h3
FROM complaints
WHERE h3 IS NOT NULL AND received_at BETWEEN to_timestamp($lo) AND to_timestamp($hi)
ORDER BY h3;
