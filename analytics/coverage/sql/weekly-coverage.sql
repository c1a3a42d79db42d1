-- Coverage complaints per hexagon and week: $weeks weeks of 7 days, the last ending at $to
-- (epoch seconds); week w covers (to − (weeks − w) × 7 d, to − (weeks − w − 1) × 7 d]. One row
-- per hexagon with its non-empty weeks and their counts, so that a quarter of a province's
-- complaints comes back as one row per hexagon rather than one per hexagon-week.
WITH weekly AS (
  SELECT h3,
    ($weeks - 1 - floor((epoch_ms(to_timestamp($to)) - epoch_ms(received_at)) / 604800000))::INTEGER AS week,
    count(*)::INTEGER AS complaints
  FROM complaints
  WHERE h3 IS NOT NULL AND list_contains($categories, category)
    AND received_at > to_timestamp($to) - to_days((7 * $weeks)::INTEGER) AND received_at <= to_timestamp($to)
  GROUP BY ALL
)
SELECT h3, list(week ORDER BY week) AS weeks, list(complaints ORDER BY week) AS complaints
FROM weekly
GROUP BY h3
ORDER BY h3;
