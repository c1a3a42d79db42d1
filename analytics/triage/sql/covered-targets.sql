-- The complaints to (re-)triage after a write: the written ones not routed yet, and every member of an
-- incident that has a written member (a complaint that joins a cluster moves to priority/escalate).
CREATE OR REPLACE TEMP TABLE triage_targets AS
SELECT c.complaint_id FROM complaints c WHERE __written__ AND c.route IS NULL
UNION
SELECT m.complaint_id FROM cluster_members m
WHERE m.incident_id IN (
  SELECT incident_id FROM cluster_members
  WHERE complaint_id IN (SELECT c.complaint_id FROM complaints c WHERE __written__)
)
  -- $routed_now: the written members with a route are settled already (triage-complaints.ts, routeClusteredNow).
  AND NOT ($routed_now
    AND m.complaint_id IN (SELECT c.complaint_id FROM complaints c WHERE __written__ AND c.route IS NOT NULL));
