-- Live writes append their aggregate changes here (signed counts, no key, so no index to update and no
-- conflict to resolve on the request path); a fold in the writer's queue sums them into
-- agg_complaint_days / agg_hexagon_months and empties these. A key may have several rows, negative
-- ones included (a replaced complaint), so every reader sums base and delta through the views below.
-- The columns of the base tables, without their key.
CREATE TABLE IF NOT EXISTS agg_complaint_days_delta AS SELECT * FROM agg_complaint_days LIMIT 0;

CREATE TABLE IF NOT EXISTS agg_hexagon_months_delta AS SELECT * FROM agg_hexagon_months LIMIT 0;

-- What the aggregates hold: one row or more per key, to be summed (filters push down into both sides).
CREATE OR REPLACE VIEW agg_complaint_day_rows AS
SELECT * FROM agg_complaint_days UNION ALL SELECT * FROM agg_complaint_days_delta;

CREATE OR REPLACE VIEW agg_hexagon_month_rows AS
SELECT * FROM agg_hexagon_months UNION ALL SELECT * FROM agg_hexagon_months_delta;
