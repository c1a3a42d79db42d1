-- Network events as circles: an event given by cell_id only is centred on that cell's site.
-- An event is kept unless it ended at or before $at (null: the newest complaint's time).
SELECT e.event_id, e.kind, coalesce(e.lat, s.lat) AS lat, coalesce(e.lon, s.lon) AS lon, e.radius_m, e.note
FROM network_events e
LEFT JOIN cell_sites s ON s.cell_id = e.cell_id
WHERE list_contains($kinds, e.kind)
  AND coalesce(e.lat, s.lat) IS NOT NULL
  AND e.radius_m IS NOT NULL
  AND (e.ends_at IS NULL
    OR e.ends_at > coalesce($at::TIMESTAMPTZ, (SELECT max(received_at) FROM complaints), e.ends_at - INTERVAL 1 SECOND))
ORDER BY e.event_id
