-- covered-targets.sql for a write of many complaints (a file): the same targets, but each IN sits inside an
-- expression (a mark join, which hashes its subquery), so `cluster_members` is hashed and the written complaints
-- (maybe a million, whose count DuckDB does not know inside the transaction) only probe it.
CREATE OR REPLACE TEMP TABLE triage_targets AS
WITH written AS MATERIALIZED (
  SELECT complaint_id, unrouted, member FROM (
    SELECT c.complaint_id, c.route IS NULL AS unrouted,
      coalesce(c.complaint_id IN (SELECT complaint_id FROM cluster_members), false) AS member
    FROM complaints c WHERE __written__
  ) WHERE unrouted OR member
)
SELECT complaint_id FROM written WHERE unrouted
UNION
SELECT m.complaint_id FROM cluster_members m
WHERE coalesce(m.incident_id IN (
  SELECT incident_id FROM cluster_members
  WHERE coalesce(complaint_id IN (SELECT complaint_id FROM written WHERE member), false)
), false)
  -- $routed_now: the written members with a route are settled already (triage-complaints.ts, routeClusteredNow).
  AND NOT ($routed_now AND coalesce(m.complaint_id IN (SELECT complaint_id FROM written WHERE member AND NOT unrouted),
    false));
