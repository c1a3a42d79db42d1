-- Signals of stored analyses, filtered; $analyses lists analysis ids (NULL: every analysis).
-- The columns are a Signal's (domain/signal.ts), in its order.
SELECT s.signal_id, s.category, s.hexes, s.start_at AS start, s.end_at AS "end", s.observed, s.expected, s.llr,
  s.p_value, s.recurrence_interval_days, s.status, s.incident_ids
FROM signals s JOIN scan_analyses a USING (analysis_id)
WHERE ($analyses IS NULL OR list_contains($analyses, s.analysis_id))
  AND ($category IS NULL OR s.category = $category)
  AND ($after IS NULL OR s.end_at > to_timestamp($after))
  AND ($before IS NULL OR a.analysed_at < to_timestamp($before))
ORDER BY s.p_value, s.llr DESC, s.signal_id;
