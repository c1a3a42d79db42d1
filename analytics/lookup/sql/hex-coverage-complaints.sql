-- Coverage complaints of one hexagon in the look-back window before the call: [at - days, at), as triage counts.
SELECT count(*) AS complaints, count(DISTINCT strftime(received_at, '%Y-%m-%d')) AS distinct_days
FROM complaints
WHERE h3 = $h3
  AND list_contains($categories, category)
  AND received_at >= $at::TIMESTAMPTZ - to_days($days)
  AND received_at < $at::TIMESTAMPTZ
