-- Writes one analysis's signals (parallel list parameters, one element per signal).
INSERT INTO signals
SELECT unnest($ids), $analysis, $category, unnest($hexes)::VARCHAR[],
  unnest($starts)::TIMESTAMPTZ, unnest($ends)::TIMESTAMPTZ,
  unnest($observed), unnest($expected), unnest($llrs), unnest($ps), unnest($ris), unnest($statuses),
  unnest($incidents)::VARCHAR[], unnest($ranks);
