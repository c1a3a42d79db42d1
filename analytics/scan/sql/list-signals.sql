-- Signals of stored analyses, filtered; $analyses lists analysis ids (NULL: every analysis).
SELECT s.*, a.analysed_at
FROM signals s JOIN scan_analyses a USING (analysis_id)
WHERE ($analyses IS NULL OR list_contains($analyses, s.analysis_id))
  AND ($category IS NULL OR s.category = $category)
  AND ($after IS NULL OR s.end_at > to_timestamp($after))
  AND ($before IS NULL OR a.analysed_at < to_timestamp($before))
ORDER BY s.p_value, s.llr DESC, s.signal_id;
