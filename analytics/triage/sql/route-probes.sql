-- The triage rules of SPEC §11 over a set of probes (probe_id, t, lat, lon, h3, cell_id, category, counts,
-- cluster_id, cluster_coverage): the complaints a write stores, or the one point of a front-desk look-up.
-- `counts` marks probes that are complaints not yet in `complaints` (they count towards weak coverage);
-- `cluster_id` is set when the probe is in a major cluster (a stored complaint's incident; for a look-up, the
-- cluster a complaint there would be in) and `cluster_coverage` when that cluster is about coverage.
-- The caller prepends `WITH probes AS (...)`. A NULL category (a look-up without one) reads
-- as a coverage complaint. The last three routes' reasons are the parameters of route-reasons.ts (the same text
-- for every complaint: the hexagon of a known weak-coverage hexagon is the complaint's own); the cluster's reason is
-- the SQL of its clusterReasonSql, written in by route-probes.ts.
-- The coverage categories (COVERAGE_CATEGORIES), written in by route-probes.ts.
coverage(category) AS (VALUES __coverage_rows__),
-- Events placed at their own point, else their cell's site (`in_force` tests each against a probe's time).
ev AS MATERIALIZED (
  SELECT e.event_id, e.kind, e.cell_id, e.starts_at, e.ends_at, e.lat, e.lon, e.radius_m, s.h3 AS site_h3
  FROM network_events e LEFT JOIN cell_sites s ON s.cell_id = e.cell_id
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
-- `candidate`: an event, circle or no-investment cell may meet the probe (a superset; most probes of a big
-- write meet none). Each test is an IN inside an expression (a mark join, which always hashes the small
-- reference side), so only candidates go on to the joins below and a million probes never build a hash table.
-- `asked`: the weak-coverage rule may decide the probe (located coverage probes outside a cluster).
p AS MATERIALIZED (
  SELECT *, h3 IS NOT NULL AND is_coverage AND cluster_id IS NULL AS asked FROM (
    SELECT probes.*,
      probes.category IS NULL OR probes.category IN (SELECT category FROM coverage) AS is_coverage,
      coalesce(probes.cell_id IN (SELECT cell_id FROM ev)
        OR probes.h3 IN (SELECT site_h3 FROM ev UNION ALL SELECT h3 FROM cell_sites WHERE status = 'no_investment')
        OR floor(probes.lat * 100)::BIGINT * 100000 + floor(probes.lon * 100)::BIGINT
          IN (SELECT gi * 100000 + gj FROM circle_squares), false) AS candidate
    FROM probes
  )
),
pr AS (SELECT * FROM p WHERE candidate),
-- The span of the asked probes' times: the only stored complaints the weak-coverage count reads.
bounds AS (SELECT min(t) FILTER (WHERE asked) AS lo, max(t) FILTER (WHERE asked) AS hi FROM p),
circle_hits AS (
  SELECT probe_id, source, id, km FROM (
    SELECT p.probe_id, c.source, c.id, c.reach_m, 2 * 6371 * asin(sqrt(pow(sin(radians(p.lat - c.lat) / 2), 2)
      + cos(radians(p.lat)) * cos(radians(c.lat)) * pow(sin(radians(p.lon - c.lon) / 2), 2))) AS km
    FROM pr p JOIN circle_squares c ON c.gi = floor(p.lat * 100)::BIGINT AND c.gj = floor(p.lon * 100)::BIGINT
    WHERE c.source = 'event' OR p.is_coverage
  ) WHERE km * 1000 <= reach_m
),
-- §6: an event by cell_id covers complaints on that cell and points in its site's hexagon; an event with
-- its own point covers points within its radius. Areas (plans, no investment) matter to coverage probes only.
event_hits AS (
  SELECT p.probe_id, p.t, ev.*, 'cell ' || ev.cell_id AS place FROM pr p JOIN ev ON p.cell_id = ev.cell_id
  WHERE ev.kind IN ('outage', 'maintenance') OR p.is_coverage
  UNION ALL
  SELECT p.probe_id, p.t, ev.*, 'hexagon ' || ev.site_h3 FROM pr p JOIN ev ON p.h3 = ev.site_h3
  WHERE ev.kind IN ('outage', 'maintenance') OR p.is_coverage
  UNION ALL
  SELECT p.probe_id, p.t, ev.*, 'within ' || ev.radius_m || ' m'
  FROM circle_hits h JOIN pr p USING (probe_id) JOIN ev ON ev.event_id = h.id
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
  FROM pr p JOIN cell_sites s ON s.h3 = p.h3 AND s.status = 'no_investment'
  WHERE p.is_coverage GROUP BY p.probe_id
),
-- Coverage complaints of the probe's hexagon in [t - weak_days, t): the stored ones and the incoming ones, counted
-- by one window over each hexagon's marks in time (calendar days in the session's zone, as to_days counts them;
-- EXCLUDE GROUP leaves out marks at the probe's own time). Only asked probes get a count; they carry what the
-- route needs through the window, so the million probes are not joined back to their counts.
weak_rows AS (
  SELECT c.h3, c.received_at AS t, 1 AS w, NULL AS probe_id, NULL::DOUBLE AS lat, NULL::BOOLEAN AS candidate
  FROM (
    -- Mark joins (an IN inside an expression): they hash the few asked hexagons, never `complaints`. The
    -- caller's span of the probes' windows (constants: the row groups outside it are skipped) comes first.
    SELECT h3, received_at FROM complaints
    WHERE received_at >= CAST($weak_from AS TIMESTAMPTZ) AND received_at <= CAST($weak_to AS TIMESTAMPTZ)
      AND coalesce(category IN (SELECT category FROM coverage) AND h3 IN (SELECT h3 FROM p WHERE asked), false)
  ) c, bounds b
  WHERE c.received_at >= b.lo - to_days(CAST($weak_days AS INTEGER)) AND c.received_at < b.hi
  UNION ALL
  SELECT h3, t, (counts AND category IN (SELECT category FROM coverage))::INTEGER,
    CASE WHEN asked THEN probe_id END, lat, candidate
  FROM p
  WHERE h3 IS NOT NULL AND ((counts AND category IN (SELECT category FROM coverage)) OR asked)
),
weak AS MATERIALIZED (
  SELECT probe_id, lat, candidate, complaints FROM (
    SELECT probe_id, h3, lat, candidate,
      CAST(sum(w) OVER (PARTITION BY h3 ORDER BY t
        RANGE BETWEEN to_days(CAST($weak_days AS INTEGER)) PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS BIGINT)
        AS complaints
    FROM weak_rows
  ) WHERE probe_id IS NOT NULL
),
-- What the events, plans and no-investment cells say of the candidates (one row each).
ref AS (
  SELECT pr.probe_id, f.probe_id IS NOT NULL AS fault, f.what AS fault_what, f.event_id,
    pc.what AS planned_area, ps.what AS planned_site, ni.what AS no_investment_area, nc.cell_id AS no_investment_cell
  FROM pr
  LEFT JOIN faults f USING (probe_id)
  LEFT JOIN (SELECT probe_id, min(what) AS what FROM in_force WHERE kind = 'planned_construction' GROUP BY 1) pc
    USING (probe_id)
  LEFT JOIN planned_sites ps USING (probe_id)
  LEFT JOIN (SELECT probe_id, min(what) AS what FROM in_force WHERE kind = 'no_investment' GROUP BY 1) ni
    USING (probe_id)
  LEFT JOIN no_investment_cells nc USING (probe_id)
),
-- Every probe once, with what decides its route: those no reference data meets straight from `p` (not asked)
-- or `weak` (asked), the few candidates joined to `ref` and their counts. Asked probes are located coverage
-- probes outside a cluster.
routed AS (
  SELECT probe_id, lat, is_coverage, cluster_id, cluster_coverage, NULL::BIGINT AS complaints,
    false AS fault, NULL AS fault_what, NULL AS event_id, NULL AS planned_area, NULL AS planned_site,
    NULL AS no_investment_area, NULL AS no_investment_cell
  FROM p WHERE NOT candidate AND NOT asked
  UNION ALL
  SELECT probe_id, lat, true, NULL, false, complaints, false, NULL, NULL, NULL, NULL, NULL, NULL
  FROM weak WHERE NOT candidate
  UNION ALL
  SELECT pr.probe_id, pr.lat, pr.is_coverage, pr.cluster_id, pr.cluster_coverage, w.complaints,
    coalesce(r.fault, false), r.fault_what, r.event_id, r.planned_area, r.planned_site, r.no_investment_area,
    r.no_investment_cell
  FROM pr LEFT JOIN ref r USING (probe_id) LEFT JOIN (SELECT * FROM weak WHERE candidate) w USING (probe_id)
)
SELECT u.probe_id,
  CASE
    WHEN u.fault THEN 'maintenance'
    WHEN u.lat IS NULL THEN 'unlocated'
    WHEN u.is_coverage AND (u.planned_area IS NOT NULL OR u.planned_site IS NOT NULL) THEN 'reply_planned'
    WHEN u.is_coverage AND (u.no_investment_area IS NOT NULL OR u.no_investment_cell IS NOT NULL)
      THEN 'reply_no_investment'
    WHEN u.cluster_id IS NOT NULL AND u.cluster_coverage THEN 'escalate'
    WHEN u.cluster_id IS NOT NULL THEN 'priority'
    WHEN u.is_coverage AND u.complaints >= $weak_min THEN 'construction'
    ELSE 'optimisation'
  END AS route,
  CASE
    WHEN u.fault THEN u.fault_what || ' in force'
    WHEN u.lat IS NULL THEN $unlocated_reason
    WHEN u.is_coverage AND u.planned_area IS NOT NULL THEN 'planned construction ' || u.planned_area
    WHEN u.is_coverage AND u.planned_site IS NOT NULL THEN 'planned site ' || u.planned_site
    WHEN u.is_coverage AND u.no_investment_area IS NOT NULL THEN 'no-investment area ' || u.no_investment_area
    WHEN u.is_coverage AND u.no_investment_cell IS NOT NULL
      THEN 'no-investment cell ' || u.no_investment_cell || ' in the hexagon'
    WHEN u.cluster_id IS NOT NULL THEN __cluster_reason__
    WHEN u.is_coverage AND u.complaints >= $weak_min
      THEN $construction_reason
    ELSE $optimisation_reason
  END AS route_reason,
  u.event_id, CASE WHEN u.complaints >= $weak_min THEN u.complaints END AS weak_complaints
FROM routed u
