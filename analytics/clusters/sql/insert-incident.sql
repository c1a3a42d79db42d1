-- cell_ids: the cells whose site lies in one of the incident's hexes or a neighbour ($near).
INSERT INTO incidents
SELECT $id, $category, $city, $start::TIMESTAMPTZ, $end::TIMESTAMPTZ, $hexes,
  coalesce((SELECT list(cell_id ORDER BY cell_id) FROM cell_sites WHERE list_contains($near, h3)), []),
  $complaints, $count, $peak, $lat, $lon;
INSERT INTO cluster_members SELECT unnest($complaints), $id;
