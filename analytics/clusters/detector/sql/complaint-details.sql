-- The rest of the complaints the detector put in an incident, by rowid halves (the temp table
-- `wanted_rows`), answered by position. Read in the same transaction as complaint-columns.sql,
-- so the rowids still name the same rows.
SELECT w.pos, c.complaint_id, c.city, c.lat, c.lon
FROM complaints c JOIN wanted_rows w ON c.rowid = (w.hi::BIGINT << 32) | w.lo::BIGINT;
