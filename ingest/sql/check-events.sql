-- The checked rows of `src` (check-rows.ts writes them): its columns (raw_row, the source row, among them), typed
-- values and what is wrong with each row.
WITH typed AS (
  SELECT s.*,
    choice_of($kinds, $kind_aliases, kind) AS kind_v,
    TRY_CAST(lat AS DOUBLE) AS lat_v,
    TRY_CAST(lon AS DOUBLE) AS lon_v,
    TRY_CAST(radius_m AS DOUBLE) AS radius_m_v,
    local_timestamp(starts_at) AS starts_at_v,
    local_timestamp(ends_at) AS ends_at_v,
    -- Events without an id get one derived from their content, so re-ingesting a file is idempotent.
    coalesce(
      event_id,
      'evt_' || left(md5(concat_ws('|', cell_id, lat, lon, radius_m, kind, starts_at, ends_at, note)), 12)
    ) AS event_id_v
  FROM src s
)
SELECT *, NULLIF(concat_ws('; ',
  parse_error,
  control_problem('event_id', event_id, $control, $control_reason),
  control_problem('cell_id', cell_id, $control, $control_reason),
  control_problem('note', note, $text_control, $control_reason),
  choice_problem('kind', kind, kind_v, $kind_accepted, parse_error),
  CASE WHEN parse_error IS NULL AND cell_id IS NULL AND (lat IS NULL OR lon IS NULL)
    THEN 'give cell_id or lat and lon' END,
  CASE WHEN lat IS NOT NULL AND lat_v IS NULL THEN format('lat "{}" is not a number', lat)
       WHEN NOT lat_v BETWEEN -90 AND 90 THEN format('lat {} is outside [-90, 90]', lat) END,
  CASE WHEN lon IS NOT NULL AND lon_v IS NULL THEN format('lon "{}" is not a number', lon)
       WHEN NOT lon_v BETWEEN -180 AND 180 THEN format('lon {} is outside [-180, 180]', lon) END,
  CASE WHEN radius_m IS NOT NULL AND radius_m_v IS NULL THEN format('radius_m "{}" is not a number', radius_m)
       WHEN radius_m_v <= 0 THEN format('radius_m {} must be greater than 0', radius_m) END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN starts_at IS NULL THEN 'starts_at is empty'
       WHEN starts_at_v IS NULL THEN format('starts_at "{}" is not an ISO-8601 timestamp', starts_at) END,
  CASE WHEN ends_at IS NOT NULL AND ends_at_v IS NULL THEN format('ends_at "{}" is not an ISO-8601 timestamp', ends_at)
       WHEN ends_at_v < starts_at_v THEN 'ends_at is before starts_at' END
), '') AS problems
FROM typed
