-- Live writes append their aggregate changes here (signed counts, no key, so no index to update and no
-- conflict to resolve on the request path); a fold in the writer's queue sums them into
-- agg_complaint_days / agg_hexagon_months and empties these. A key may have several rows, negative
-- ones included (a replaced complaint), so every reader sums base and delta through the views below.
CREATE TABLE IF NOT EXISTS agg_complaint_days_delta (
  city VARCHAR NOT NULL,
  technology VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  day VARCHAR NOT NULL,
  complaints BIGINT NOT NULL,
  on_time BIGINT NOT NULL,
  resolved BIGINT NOT NULL,
  compliant BIGINT NOT NULL,
  surveyed BIGINT NOT NULL,
  satisfied BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS agg_hexagon_months_delta (
  h3 VARCHAR NOT NULL,
  month VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  complaints BIGINT NOT NULL
);

-- What the aggregates hold: one row or more per key, to be summed (filters push down into both sides).
CREATE OR REPLACE VIEW agg_complaint_day_rows AS
SELECT * FROM agg_complaint_days UNION ALL SELECT * FROM agg_complaint_days_delta;

CREATE OR REPLACE VIEW agg_hexagon_month_rows AS
SELECT * FROM agg_hexagon_months UNION ALL SELECT * FROM agg_hexagon_months_delta;
