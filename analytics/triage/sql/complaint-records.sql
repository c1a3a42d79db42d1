-- Stored complaints with their route and the incidents that count them; times as UTC ISO-8601. The reason is read
-- as route-reasons.ts reads it (written in by complaint-records.ts).
SELECT c.complaint_id, strftime(c.received_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS received_at,
  c.city, c.category, c.technology, c.lat, c.lon, c.located_by, c.h3, c.cell_id,
  strftime(c.replied_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS replied_at,
  strftime(c.resolved_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS resolved_at,
  c.resolution, c.satisfied, c.route, __route_reason__ AS route_reason,
  (SELECT list(m.incident_id ORDER BY m.incident_id) FROM cluster_members m WHERE m.complaint_id = c.complaint_id)
    AS incident_ids
FROM complaints c
WHERE ($ids IS NULL OR list_contains($ids, c.complaint_id))
  AND ($route IS NULL OR coalesce(c.route, 'untriaged') = $route)
  AND ($city IS NULL OR c.city = $city)
  AND ($from IS NULL OR c.received_at >= $from::TIMESTAMPTZ)
  AND ($to IS NULL OR c.received_at < $to::TIMESTAMPTZ)
ORDER BY c.received_at DESC, c.complaint_id
LIMIT $limit
