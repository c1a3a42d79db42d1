INSERT INTO network_events
SELECT v.event_id_v, v.cell_id, g.lat, g.lon, coalesce(v.radius_m_v, 500), v.kind_v, v.starts_at_v, v.ends_at_v,
  v.note, $run
FROM valid v LEFT JOIN geo g ON g.line = v.line;
