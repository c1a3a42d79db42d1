-- Aggregates the read routes serve (SPEC §9), kept up to date by every write in its own transaction
-- (analytics/aggregates) and built here once from the data already held. Days are local calendar days
-- in the database's zone (the migration runs with the session TimeZone set to it).

-- Complaints per city, technology, category and local day: rates (any period, category filter) and,
-- summed over technology and category, the KPIs. on_time and compliant use the default reply limits
-- (24 h, 2 h for a complaint in cluster_members); `resolved` ignores whether the limit has passed
-- (that part depends on the as-of time and is judged at read time).
CREATE TABLE IF NOT EXISTS agg_complaint_days (
  city VARCHAR NOT NULL,
  technology VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  day VARCHAR NOT NULL,
  complaints BIGINT NOT NULL,
  on_time BIGINT NOT NULL,
  resolved BIGINT NOT NULL,
  compliant BIGINT NOT NULL,
  surveyed BIGINT NOT NULL,
  satisfied BIGINT NOT NULL,
  PRIMARY KEY (city, technology, category, day)
);

-- Located complaints per hexagon (the database's resolution), local month and city: the map's
-- default view (whole months, any city). Finer keys (day, category, technology) would make it as
-- large as `complaints` itself at a hexagon's usual density (about one complaint a day).
CREATE TABLE IF NOT EXISTS agg_hexagon_months (
  h3 VARCHAR NOT NULL,
  month VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  complaints BIGINT NOT NULL,
  PRIMARY KEY (h3, month, city)
);

INSERT INTO agg_complaint_days
SELECT city, technology, category, strftime(received_at, '%Y-%m-%d') AS day,
  count(*),
  count(*) FILTER (WHERE on_time),
  count(*) FILTER (WHERE is_resolved),
  count(*) FILTER (WHERE on_time AND is_resolved AND satisfied IS DISTINCT FROM false),
  count(satisfied),
  count(*) FILTER (WHERE satisfied)
FROM (
  SELECT c.*,
    coalesce(epoch_ms(c.replied_at) <= epoch_ms(c.received_at)
      + CASE WHEN m.complaint_id IS NULL THEN 86400000 ELSE 7200000 END, false) AS on_time,
    c.resolved_at IS NOT NULL AND c.resolution IS DISTINCT FROM 'unresolved' AS is_resolved
  FROM complaints c LEFT JOIN cluster_members m USING (complaint_id)
)
GROUP BY ALL;

INSERT INTO agg_hexagon_months
SELECT h3, strftime(received_at, '%Y-%m'), city, count(*)
FROM complaints WHERE h3 IS NOT NULL
GROUP BY ALL;
