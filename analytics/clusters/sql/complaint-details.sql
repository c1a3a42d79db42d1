-- The rest of the complaints the detector put in an incident, by rowid halves ($hi, $lo) and
-- answered by position in those lists. Read in the same transaction as complaint-columns.sql,
-- so the rowids still name the same rows.
WITH wanted AS (
  SELECT (unnest($hi)::BIGINT << 32) | unnest($lo)::BIGINT AS rid, generate_subscripts($hi, 1) - 1 AS pos
)
SELECT wanted.pos::INTEGER AS pos, c.complaint_id, c.city, c.lat, c.lon
FROM complaints c JOIN wanted ON c.rowid = wanted.rid;
