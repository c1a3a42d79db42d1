-- The checked rows of `src` (check-rows.ts writes them): its columns (raw_row, the source row, among them), typed
-- values and what is wrong with each row.
WITH typed AS (
  SELECT s.*,
    choice_of($technologies, $technology_aliases, technology) AS technology_v,
    CASE WHEN regexp_full_match(subscribers, '[0-9]{1,18}') THEN CAST(subscribers AS BIGINT) END AS subscribers_v
  FROM src s
)
SELECT *, NULLIF(concat_ws('; ',
  parse_error,
  control_problem('city', city, $control, $control_reason),
  CASE WHEN parse_error IS NULL AND city IS NULL THEN 'city is empty' END,
  choice_problem('technology', technology, technology_v, $technology_accepted, parse_error),
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN month IS NULL THEN 'month is empty'
       WHEN NOT regexp_full_match(month, '[0-9]{4}-(0[1-9]|1[0-2])')
         THEN format('month "{}" is not YYYY-MM', month) END,
  CASE WHEN parse_error IS NOT NULL THEN NULL
       WHEN subscribers IS NULL THEN 'subscribers is empty'
       WHEN subscribers_v IS NULL THEN format('subscribers "{}" is not a whole number', subscribers)
       WHEN subscribers_v <= 0 THEN format('subscribers {} must be greater than 0', subscribers) END
), '') AS problems
FROM typed
