-- The winning rows of a request body as parallel lists (one element per complaint), timestamps in
-- epoch microseconds, with their routes (NULL when not triaged); columns named, so columns added by
-- later migrations take their defaults. No closing semicolon: the caller appends what it returns.
INSERT INTO complaints (complaint_id, received_at, city, category, technology, lat, lon, located_by, h3, cell_id,
  replied_at, resolved_at, resolution, satisfied, run_id, route, route_reason)
SELECT id, to_timestamp(0) + to_microseconds(received), city, category, technology, lat, lon, located_by, h3,
  cell_id, to_timestamp(0) + to_microseconds(replied), to_timestamp(0) + to_microseconds(resolved), resolution,
  satisfied, $run, route, route_reason
FROM (SELECT unnest($ids) AS id, unnest($received) AS received, unnest($cities) AS city,
  unnest($categories) AS category, unnest($technologies) AS technology, unnest($lats) AS lat, unnest($lons) AS lon,
  unnest($located_by) AS located_by, unnest($h3) AS h3, unnest($cell_ids) AS cell_id, unnest($replied) AS replied,
  unnest($resolved) AS resolved, unnest($resolutions) AS resolution, unnest($satisfied) AS satisfied,
  unnest($routes) AS route, unnest($route_reasons) AS route_reason)
