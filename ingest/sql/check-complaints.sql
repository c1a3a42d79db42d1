-- The checked rows of `src` (check-rows.ts writes them): every field typed, and what is wrong with each row in words
-- a person can act on. `raw_row` (the source row, when `src` gives it) passes through for the rejected rows' text.
-- Enumerated values go through their aliases (domain/value-aliases.ts); the canonical spelling skips the lookup.
WITH typed AS (
  SELECT s.*,
    local_timestamp(received_at) AS received_at_v,
    choice_of($categories, $category_aliases, category) AS category_v,
    choice_of($technologies, $technology_aliases, technology) AS technology_v,
    TRY_CAST(lat AS DOUBLE) AS lat_v,
    TRY_CAST(lon AS DOUBLE) AS lon_v,
    local_timestamp(replied_at) AS replied_at_v,
    local_timestamp(resolved_at) AS resolved_at_v,
    choice_of($resolutions, $resolution_aliases, resolution) AS resolution_v,
    CASE satisfied WHEN 'true' THEN true WHEN 'false' THEN false
      ELSE TRY_CAST(alias_of($satisfied_aliases, satisfied) AS BOOLEAN) END AS satisfied_v
  FROM src s
), judged AS (
  -- One flag per rule, never NULL: the reasons (text, costly on millions of rows) are then
  -- written for flagged rows only. A row with a parse error has no fields, so only it shows.
  SELECT *,
    parse_error IS NULL AND complaint_id IS NULL AS no_id,
    parse_error IS NULL AND received_at_v IS NULL AS bad_received_at,
    parse_error IS NULL AND city IS NULL AS no_city,
    parse_error IS NULL AND category_v IS NULL AS bad_category,
    parse_error IS NULL AND technology_v IS NULL AS bad_technology,
    (lat IS NULL) <> (lon IS NULL) AS half_point,
    lat IS NOT NULL AND NOT coalesce(lat_v BETWEEN -90 AND 90, false) AS bad_lat,
    lon IS NOT NULL AND NOT coalesce(lon_v BETWEEN -180 AND 180, false) AS bad_lon,
    replied_at IS NOT NULL AND replied_at_v IS NULL AS bad_replied_at,
    resolved_at IS NOT NULL AND resolved_at_v IS NULL AS bad_resolved_at,
    resolution IS NOT NULL AND resolution_v IS NULL AS bad_resolution,
    satisfied IS NOT NULL AND satisfied_v IS NULL AS bad_satisfied,
    -- One match over the joined text fields; which field holds the character is found for flagged rows only.
    parse_error IS NULL
      AND coalesce(regexp_matches(concat(complaint_id, city, cell_id), $control), false) AS has_control
  FROM typed
)
-- The raw text of the typed fields is only needed for the reasons, so it is not kept.
SELECT line, raw_row, complaint_id, city, cell_id, received_at_v, category_v, technology_v, lat_v, lon_v,
  replied_at_v, resolved_at_v, resolution_v, satisfied_v,
  CASE WHEN parse_error IS NOT NULL OR no_id OR bad_received_at OR no_city OR bad_category OR bad_technology
         OR half_point OR bad_lat OR bad_lon OR bad_replied_at OR bad_resolved_at OR bad_resolution OR bad_satisfied
         OR has_control
  THEN concat_ws('; ',
    parse_error,
    CASE WHEN has_control THEN concat_ws('; ',
      control_problem('complaint_id', complaint_id, $control, $control_reason),
      control_problem('city', city, $control, $control_reason),
      control_problem('cell_id', cell_id, $control, $control_reason)) END,
    CASE WHEN no_id THEN 'complaint_id is empty' END,
    CASE WHEN bad_received_at THEN
      CASE WHEN received_at IS NULL THEN 'received_at is empty'
           ELSE format('received_at "{}" is not an ISO-8601 timestamp', received_at) END END,
    CASE WHEN no_city THEN 'city is empty' END,
    CASE WHEN bad_category THEN
      CASE WHEN category IS NULL THEN 'category is empty'
           ELSE format('category "{}" is not one of {}', category, $category_accepted) END END,
    CASE WHEN bad_technology THEN
      CASE WHEN technology IS NULL THEN 'technology is empty'
           ELSE format('technology "{}" is not one of {}', technology, $technology_accepted) END END,
    CASE WHEN half_point THEN 'lat and lon must be given together' END,
    CASE WHEN bad_lat THEN
      CASE WHEN lat_v IS NULL THEN format('lat "{}" is not a number', lat)
           ELSE format('lat {} is outside [-90, 90]', lat) END END,
    CASE WHEN bad_lon THEN
      CASE WHEN lon_v IS NULL THEN format('lon "{}" is not a number', lon)
           ELSE format('lon {} is outside [-180, 180]', lon) END END,
    CASE WHEN bad_replied_at THEN format('replied_at "{}" is not an ISO-8601 timestamp', replied_at) END,
    CASE WHEN bad_resolved_at THEN format('resolved_at "{}" is not an ISO-8601 timestamp', resolved_at) END,
    CASE WHEN bad_resolution THEN format('resolution "{}" is not one of {}', resolution, $resolution_accepted) END,
    CASE WHEN bad_satisfied THEN format('satisfied "{}" is not one of {}', satisfied, $satisfied_accepted) END
  ) END AS problems
FROM judged
