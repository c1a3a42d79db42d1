-- The complaints to (re-)triage after a write: the written ones not routed yet, and every complaint held
-- by an incident that holds a written one (a complaint that joins a cluster moves to priority/escalate).
CREATE OR REPLACE TEMP TABLE triage_written AS
SELECT c.complaint_id, c.received_at, c.h3, c.category, c.route FROM complaints c WHERE __written__;
CREATE OR REPLACE TEMP TABLE triage_touched AS
WITH spans AS (SELECT min(received_at) AS lo, max(received_at) AS hi FROM triage_written),
hexes AS (
  SELECT i.incident_id, i.category, i.start_at, i.end_at, unnest(i.hexes) AS h3
  FROM incidents i, spans WHERE i.end_at >= spans.lo AND i.start_at <= spans.hi
)
SELECT DISTINCT hexes.* FROM hexes SEMI JOIN triage_written w
  ON w.h3 = hexes.h3 AND w.category = hexes.category AND w.received_at BETWEEN hexes.start_at AND hexes.end_at;
CREATE OR REPLACE TEMP TABLE triage_targets AS
SELECT complaint_id FROM triage_written WHERE route IS NULL
UNION
SELECT c.complaint_id FROM complaints c
JOIN triage_touched t ON t.h3 = c.h3 AND t.category = c.category AND c.received_at BETWEEN t.start_at AND t.end_at
WHERE c.received_at BETWEEN (SELECT min(start_at) FROM triage_touched) AND (SELECT max(end_at) FROM triage_touched);
