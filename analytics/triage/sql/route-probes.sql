-- The triage rules of SPEC §11 over a set of probes (probe_id, t, lat, lon, h3, cell_id, category, counts,
-- cluster_id, cluster_coverage): the complaints a write stores, or the one point of a front-desk look-up.
-- `counts` marks probes that are complaints not yet in `complaints` (they count towards weak coverage);
-- `cluster_id` is set when the probe is in a major cluster (a stored complaint's incident; for a look-up, the
-- cluster a complaint there would be in) and `cluster_coverage` when that cluster is about coverage.
-- The caller prepends `WITH probes AS (...)`. A NULL category (a look-up without one) reads
-- as a coverage complaint.
coverage(category) AS (VALUES ('weak_coverage'), ('no_signal'), ('no_service')),
p AS MATERIALIZED (
  SELECT probes.*, probes.category IS NULL OR probes.category IN (SELECT category FROM coverage) AS is_coverage
  FROM probes
),
bounds AS (SELECT min(t) AS lo, max(t) AS hi FROM p),
-- Events that may be in force during the probes' span, placed at their own point, else their cell's site.
ev AS MATERIALIZED (
  SELECT e.event_id, e.kind, e.cell_id, e.starts_at, e.ends_at, e.lat, e.lon, e.radius_m, s.h3 AS site_h3
  FROM network_events e LEFT JOIN cell_sites s ON s.cell_id = e.cell_id, bounds b
  WHERE (e.ends_at IS NULL OR e.ends_at > b.lo)
    AND (e.kind IN ('planned_construction', 'no_investment') OR e.starts_at <= b.hi)
),
-- What is met by distance: events with their own point, and planned cells (within planned_km).
circles AS (
  SELECT 'event' AS source, event_id AS id, lat, lon, radius_m AS reach_m FROM ev WHERE lat IS NOT NULL
  UNION ALL
  SELECT 'planned_site', cell_id, lat, lon, $planned_km * 1000 FROM cell_sites WHERE status = 'planned'
),
-- Each circle is listed in every 0.01° grid square its bounding box meets, so probes meet it by equality
-- (a hash join) and only the few in their square get the exact distance.
circle_rows AS (
  SELECT *, unnest(range(floor((lat - reach_m / 110574 * 1.01) * 100)::BIGINT,
    floor((lat + reach_m / 110574 * 1.01) * 100)::BIGINT + 1)) AS gi
  FROM circles
),
circle_squares AS (
  SELECT *, unnest(range(floor((lon - dlon) * 100)::BIGINT, floor((lon + dlon) * 100)::BIGINT + 1)) AS gj
  FROM (
    SELECT *, reach_m / (111320 * greatest(0.01, cos(radians(least(89.9, abs(lat) + reach_m / 110574))))) * 1.01 AS dlon
    FROM circle_rows
  )
),
circle_hits AS (
  SELECT probe_id, source, id, km FROM (
    SELECT p.probe_id, c.source, c.id, c.reach_m, 2 * 6371 * asin(sqrt(pow(sin(radians(p.lat - c.lat) / 2), 2)
      + cos(radians(p.lat)) * cos(radians(c.lat)) * pow(sin(radians(p.lon - c.lon) / 2), 2))) AS km
    FROM p JOIN circle_squares c ON c.gi = floor(p.lat * 100)::BIGINT AND c.gj = floor(p.lon * 100)::BIGINT
    WHERE c.source = 'event' OR p.is_coverage
  ) WHERE km * 1000 <= reach_m
),
-- §6: an event by cell_id covers complaints on that cell and points in its site's hexagon; an event with
-- its own point covers points within its radius. Areas (plans, no investment) matter to coverage probes only.
event_hits AS (
  SELECT p.probe_id, p.t, ev.*, 'cell ' || ev.cell_id AS place FROM p JOIN ev ON p.cell_id = ev.cell_id
  WHERE ev.kind IN ('outage', 'maintenance') OR p.is_coverage
  UNION ALL
  SELECT p.probe_id, p.t, ev.*, 'hexagon ' || ev.site_h3 FROM p JOIN ev ON p.h3 = ev.site_h3
  WHERE ev.kind IN ('outage', 'maintenance') OR p.is_coverage
  UNION ALL
  SELECT p.probe_id, p.t, ev.*, 'within ' || ev.radius_m || ' m'
  FROM circle_hits h JOIN p USING (probe_id) JOIN ev ON ev.event_id = h.id
  WHERE h.source = 'event'
),
-- Outages and maintenance are in force from their start; plans and no-investment areas until they end.
in_force AS (
  SELECT probe_id, kind, event_id, event_id || ' (' || place || ')' AS what
  FROM event_hits
  WHERE (ends_at IS NULL OR ends_at > t) AND (kind IN ('planned_construction', 'no_investment') OR starts_at <= t)
),
faults AS (
  SELECT probe_id, arg_min(kind || ' ' || what, (kind <> 'outage', what)) AS what,
    arg_min(event_id, (kind <> 'outage', what)) AS event_id
  FROM in_force WHERE kind IN ('outage', 'maintenance') GROUP BY probe_id
),
planned_sites AS (
  SELECT probe_id, arg_min(id || ' at ' || round(km, 2) || ' km', (km, id)) AS what
  FROM circle_hits WHERE source = 'planned_site' GROUP BY probe_id
),
no_investment_cells AS (
  SELECT p.probe_id, min(s.cell_id) AS cell_id
  FROM p JOIN cell_sites s ON s.h3 = p.h3 AND s.status = 'no_investment'
  WHERE p.is_coverage GROUP BY p.probe_id
),
-- Coverage complaints of the probe's hexagon in [t - weak_days, t): the stored ones and the incoming ones, counted
-- by one window over each hexagon's marks in time (calendar days in the session's zone, as to_days counts them;
-- EXCLUDE GROUP leaves out marks at the probe's own time). Only probes the rule can decide are asked: coverage
-- probes outside a cluster (the cluster rule comes first).
weak_rows AS (
  SELECT c.h3, c.received_at AS t, 1 AS w, NULL AS probe_id
  FROM complaints c, bounds b
  WHERE c.received_at >= b.lo - to_days(CAST($weak_days AS INTEGER)) AND c.received_at < b.hi
    AND c.category IN (SELECT category FROM coverage)
    AND c.h3 IN (SELECT h3 FROM p WHERE is_coverage AND cluster_id IS NULL)
  UNION ALL
  SELECT h3, t, (counts AND category IN (SELECT category FROM coverage))::INTEGER,
    CASE WHEN is_coverage AND cluster_id IS NULL THEN probe_id END
  FROM p
  WHERE h3 IS NOT NULL
    AND ((counts AND category IN (SELECT category FROM coverage)) OR (is_coverage AND cluster_id IS NULL))
),
weak AS (
  SELECT probe_id, h3, complaints FROM (
    SELECT probe_id, h3,
      CAST(sum(w) OVER (PARTITION BY h3 ORDER BY t
        RANGE BETWEEN to_days(CAST($weak_days AS INTEGER)) PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS BIGINT)
        AS complaints
    FROM weak_rows
  ) WHERE probe_id IS NOT NULL AND complaints >= $weak_min
)
SELECT p.probe_id,
  CASE
    WHEN f.probe_id IS NOT NULL THEN 'maintenance'
    WHEN p.lat IS NULL THEN 'unlocated'
    WHEN p.is_coverage AND (pc.probe_id IS NOT NULL OR ps.probe_id IS NOT NULL) THEN 'reply_planned'
    WHEN p.is_coverage AND (ni.probe_id IS NOT NULL OR nc.probe_id IS NOT NULL) THEN 'reply_no_investment'
    WHEN p.cluster_id IS NOT NULL AND p.cluster_coverage THEN 'escalate'
    WHEN p.cluster_id IS NOT NULL THEN 'priority'
    WHEN p.is_coverage AND w.probe_id IS NOT NULL THEN 'construction'
    ELSE 'optimisation'
  END AS route,
  CASE
    WHEN f.probe_id IS NOT NULL THEN f.what || ' in force'
    WHEN p.lat IS NULL THEN 'no point and no known cell'
    WHEN p.is_coverage AND pc.probe_id IS NOT NULL THEN 'planned construction ' || pc.what
    WHEN p.is_coverage AND ps.probe_id IS NOT NULL THEN 'planned site ' || ps.what
    WHEN p.is_coverage AND ni.probe_id IS NOT NULL THEN 'no-investment area ' || ni.what
    WHEN p.is_coverage AND nc.probe_id IS NOT NULL THEN 'no-investment cell ' || nc.cell_id || ' in the hexagon'
    WHEN p.cluster_id IS NOT NULL AND p.cluster_coverage
      THEN 'major cluster ' || p.cluster_id || ', coverage, no construction plan'
    WHEN p.cluster_id IS NOT NULL THEN 'major cluster ' || p.cluster_id
    WHEN p.is_coverage AND w.probe_id IS NOT NULL
      THEN 'known weak-coverage hexagon ' || w.h3 || ' (' || w.complaints || ' coverage complaints in '
        || $weak_days || ' days)'
    ELSE 'no known problem'
  END AS route_reason,
  f.event_id, w.complaints AS weak_complaints
FROM p
LEFT JOIN faults f USING (probe_id)
LEFT JOIN (SELECT probe_id, min(what) AS what FROM in_force WHERE kind = 'planned_construction' GROUP BY 1) pc
  USING (probe_id)
LEFT JOIN planned_sites ps USING (probe_id)
LEFT JOIN (SELECT probe_id, min(what) AS what FROM in_force WHERE kind = 'no_investment' GROUP BY 1) ni
  USING (probe_id)
LEFT JOIN no_investment_cells nc USING (probe_id)
LEFT JOIN weak w USING (probe_id)
