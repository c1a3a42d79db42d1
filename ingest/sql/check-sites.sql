CREATE OR REPLACE TEMP TABLE checked AS
WITH typed AS (
  SELECT s.*,
    CASE WHEN list_contains($technologies, technology) THEN technology
      ELSE alias_of($technology_aliases, technology) END AS technology_v,
    TRY_CAST(lat AS DOUBLE) AS lat_v,
    TRY_CAST(lon AS DOUBLE) AS lon_v,
    TRY_CAST(azimuth AS DOUBLE) AS azimuth_v,
    CASE WHEN status IS NULL THEN 'active' WHEN list_contains($statuses, status) THEN status
      ELSE alias_of($status_aliases, status) END AS status_v
  FROM src s
)
SELECT *, NULLIF(concat_ws('; ',
  parse_error,
  CASE WHEN regexp_matches(cell_id, $control)
    THEN format($control_reason, 'cell_id', unicode(regexp_extract(cell_id, $control))) END,
  CASE WHEN regexp_matches(site_id, $control)
    THEN format($control_reason, 'site_id', unicode(regexp_extract(site_id, $control))) END,
  CASE WHEN regexp_matches(city, $control)
    THEN format($control_reason, 'city', unicode(regexp_extract(city, $control))) END,
  CASE WHEN parse_error IS NULL AND cell_id IS NULL THEN 'cell_id is empty' END,
  CASE WHEN parse_error IS NULL AND site_id IS NULL THEN 'site_id is empty' END,
  CASE WHEN parse_error IS NULL AND city IS NULL THEN 'city is empty' END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN technology IS NULL THEN 'technology is empty'
       WHEN technology_v IS NULL THEN format('technology "{}" is not one of {}', technology, $technology_accepted) END,
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
FROM typed;
