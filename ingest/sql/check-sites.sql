-- The checked rows of `src` (check-rows.ts writes them): its columns (raw_row, the source row, among them), typed
-- values and what is wrong with each row.
WITH typed AS (
  SELECT s.*,
    choice_of($technologies, $technology_aliases, technology) AS technology_v,
    TRY_CAST(lat AS DOUBLE) AS lat_v,
    TRY_CAST(lon AS DOUBLE) AS lon_v,
    TRY_CAST(azimuth AS DOUBLE) AS azimuth_v,
    CASE WHEN status IS NULL THEN 'active' ELSE choice_of($statuses, $status_aliases, status) END AS status_v
  FROM src s
)
SELECT *, NULLIF(concat_ws('; ',
  parse_error,
  control_problem('cell_id', cell_id, $control, $control_reason),
  control_problem('site_id', site_id, $control, $control_reason),
  control_problem('city', city, $control, $control_reason),
  CASE WHEN parse_error IS NULL AND cell_id IS NULL THEN 'cell_id is empty' END,
  CASE WHEN parse_error IS NULL AND site_id IS NULL THEN 'site_id is empty' END,
  CASE WHEN parse_error IS NULL AND city IS NULL THEN 'city is empty' END,
  choice_problem('technology', technology, technology_v, $technology_accepted, parse_error),
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN lat IS NULL THEN 'lat is empty'
       WHEN lat_v IS NULL THEN format('lat "{}" is not a number', lat)
       WHEN NOT lat_v BETWEEN -90 AND 90 THEN format('lat {} is outside [-90, 90]', lat) END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN lon IS NULL THEN 'lon is empty'
       WHEN lon_v IS NULL THEN format('lon "{}" is not a number', lon)
       WHEN NOT lon_v BETWEEN -180 AND 180 THEN format('lon {} is outside [-180, 180]', lon) END,
  CASE WHEN azimuth IS NOT NULL AND azimuth_v IS NULL THEN format('azimuth "{}" is not a number', azimuth)
       WHEN azimuth_v < 0 OR azimuth_v >= 360 THEN format('azimuth {} is outside [0, 360)', azimuth) END,
  CASE WHEN status_v IS NULL THEN format('status "{}" is not one of {}', status, $status_accepted) END
), '') AS problems
FROM typed
