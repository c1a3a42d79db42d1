-- Types every field of `src` and lists what is wrong with each row, in words a person can act on.
CREATE OR REPLACE TEMP TABLE checked AS
WITH typed AS (
  SELECT s.*,
    TRY_CAST(received_at AS TIMESTAMPTZ) AS received_at_v,
    lower(category) AS category_v,
    upper(technology) AS technology_v,
    TRY_CAST(lat AS DOUBLE) AS lat_v,
    TRY_CAST(lon AS DOUBLE) AS lon_v,
    TRY_CAST(replied_at AS TIMESTAMPTZ) AS replied_at_v,
    TRY_CAST(resolved_at AS TIMESTAMPTZ) AS resolved_at_v,
    lower(resolution) AS resolution_v,
    CASE WHEN lower(satisfied) IN ('true', 't', '1', 'yes', 'y', '是') THEN true
         WHEN lower(satisfied) IN ('false', 'f', '0', 'no', 'n', '否') THEN false END AS satisfied_v
  FROM src s
)
SELECT *, NULLIF(concat_ws('; ',
  parse_error,
  CASE WHEN parse_error IS NULL AND complaint_id IS NULL THEN 'complaint_id is empty' END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN received_at IS NULL THEN 'received_at is empty'
       WHEN received_at_v IS NULL THEN format('received_at "{}" is not an ISO-8601 timestamp', received_at) END,
  CASE WHEN parse_error IS NULL AND city IS NULL THEN 'city is empty' END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN category IS NULL THEN 'category is empty'
       WHEN NOT list_contains($categories, category_v) THEN format('category "{}" is not one of {}', category, array_to_string($categories, ', ')) END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN technology IS NULL THEN 'technology is empty'
       WHEN NOT list_contains($technologies, technology_v) THEN format('technology "{}" is not one of {}', technology, array_to_string($technologies, ', ')) END,
  CASE WHEN (lat IS NULL) <> (lon IS NULL) THEN 'lat and lon must be given together' END,
  CASE WHEN lat IS NOT NULL AND lat_v IS NULL THEN format('lat "{}" is not a number', lat)
       WHEN NOT lat_v BETWEEN -90 AND 90 THEN format('lat {} is outside [-90, 90]', lat) END,
  CASE WHEN lon IS NOT NULL AND lon_v IS NULL THEN format('lon "{}" is not a number', lon)
       WHEN NOT lon_v BETWEEN -180 AND 180 THEN format('lon {} is outside [-180, 180]', lon) END,
  CASE WHEN replied_at IS NOT NULL AND replied_at_v IS NULL THEN format('replied_at "{}" is not an ISO-8601 timestamp', replied_at) END,
  CASE WHEN resolved_at IS NOT NULL AND resolved_at_v IS NULL THEN format('resolved_at "{}" is not an ISO-8601 timestamp', resolved_at) END,
  CASE WHEN resolution IS NOT NULL AND NOT list_contains($resolutions, resolution_v) THEN format('resolution "{}" is not one of {}', resolution, array_to_string($resolutions, ', ')) END,
  CASE WHEN satisfied IS NOT NULL AND satisfied_v IS NULL THEN format('satisfied "{}" is not a boolean (true/false)', satisfied) END
), '') AS problems
FROM typed;
