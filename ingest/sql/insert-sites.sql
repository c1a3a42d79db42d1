INSERT INTO cell_sites
SELECT v.cell_id, v.site_id, v.city, v.technology_v, g.lat, g.lon, v.azimuth_v, v.status_v, g.h3, $run
FROM valid v JOIN geo g ON g.line = v.line;

-- Complaints that named a cell but had no point of their own take the (new) site position.
UPDATE complaints SET lat = s.lat, lon = s.lon, h3 = s.h3, located_by = 'cell'
FROM cell_sites s
WHERE complaints.cell_id = s.cell_id AND s.run_id = $run AND complaints.located_by IS DISTINCT FROM 'point';
