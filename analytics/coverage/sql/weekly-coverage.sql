-- Coverage complaints per hexagon and week: $weeks weeks of 7 days, the last ending at $to
-- (epoch seconds); week w covers (to − (weeks − w) × 7 d, to − (weeks − w − 1) × 7 d]. One row
-- per hexagon and non-empty week, by hexagon then week, read as columns (one row per hexagon with
-- ordered lists of weeks took about 1.5 times the CPU, query and decoding, on 12 weeks at 3M).
SELECT h3,
  ($weeks - 1 - floor((epoch_ms(to_timestamp($to)) - epoch_ms(received_at)) / 604800000))::INTEGER AS week,
  count(*)::INTEGER AS complaints
FROM complaints
WHERE h3 IS NOT NULL AND list_contains($categories, category)
  AND received_at > to_timestamp($to) - to_days((7 * $weeks)::INTEGER) AND received_at <= to_timestamp($to)
GROUP BY ALL
ORDER BY h3, week;
