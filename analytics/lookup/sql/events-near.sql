-- Network events around a point: positioned by their own (lat, lon), else their cell's site;
-- a box of $box_deg degrees around the point keeps the exact distance check in TypeScript small.
-- Planned construction and no-investment areas count whenever they are not over at $at (they are
-- announced ahead); outages and maintenance only while in force.
SELECT e.event_id, e.kind, e.cell_id, coalesce(e.lat, s.lat) AS lat, coalesce(e.lon, s.lon) AS lon,
  e.radius_m, strftime(e.starts_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS starts_at,
  strftime(e.ends_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ends_at, e.note
FROM network_events e
LEFT JOIN cell_sites s ON s.cell_id = e.cell_id
WHERE coalesce(e.lat, s.lat) BETWEEN $lat - $box_deg AND $lat + $box_deg
  AND coalesce(e.lon, s.lon) BETWEEN $lon - $box_lon_deg AND $lon + $box_lon_deg
  AND (e.ends_at IS NULL OR e.ends_at > $at::TIMESTAMPTZ)
  AND (e.kind IN ('planned_construction', 'no_investment') OR e.starts_at <= $at::TIMESTAMPTZ)
ORDER BY e.event_id
