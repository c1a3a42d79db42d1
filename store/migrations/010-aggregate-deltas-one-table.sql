-- Live writes append the changes of both aggregates to one table, in one statement (a statement less
-- per write than the two tables of migration 008): a row with h3 NULL is a change of agg_complaint_days
-- (its six counts), a row with h3 set a change of agg_hexagon_months (its complaints). Signed counts,
-- no key; the fold sums them into the base tables and empties this; readers sum base and delta rows
-- through the same two views as before.
CREATE TABLE IF NOT EXISTS agg_deltas (
  city VARCHAR NOT NULL,
  technology VARCHAR,
  category VARCHAR,
  day VARCHAR,
  h3 VARCHAR,
  month VARCHAR,
  complaints BIGINT NOT NULL,
  on_time BIGINT,
  resolved BIGINT,
  compliant BIGINT,
  surveyed BIGINT,
  satisfied BIGINT
);

INSERT INTO agg_deltas (city, technology, category, day, complaints, on_time, resolved, compliant, surveyed, satisfied)
SELECT city, technology, category, day, complaints, on_time, resolved, compliant, surveyed, satisfied
FROM agg_complaint_days_delta;

INSERT INTO agg_deltas (city, h3, month, complaints) SELECT city, h3, month, complaints FROM agg_hexagon_months_delta;

CREATE OR REPLACE VIEW agg_complaint_day_rows AS
SELECT * FROM agg_complaint_days
UNION ALL
SELECT city, technology, category, day, complaints, on_time, resolved, compliant, surveyed, satisfied
FROM agg_deltas WHERE h3 IS NULL;

CREATE OR REPLACE VIEW agg_hexagon_month_rows AS
SELECT * FROM agg_hexagon_months UNION ALL SELECT h3, month, city, complaints FROM agg_deltas WHERE h3 IS NOT NULL;

DROP TABLE agg_complaint_days_delta;

DROP TABLE agg_hexagon_months_delta;
