-- The first schema of cellpulse. H3 cells are stored as their 15-character hex strings,
-- the same form they travel in at every boundary (one BigInt policy).
CREATE TABLE IF NOT EXISTS settings (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS ingest_run_seq START 1;

CREATE TABLE IF NOT EXISTS ingest_runs (
  run_id BIGINT PRIMARY KEY,
  kind VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  crs VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  total_rows BIGINT NOT NULL,
  accepted BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  rejected BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS rejected_rows (
  run_id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  raw VARCHAR NOT NULL,
  reason VARCHAR NOT NULL
);

-- No PRIMARY KEY: ingest keeps complaint_id unique itself (delete-then-insert of the winning rows),
-- and an ART index on millions of ids made bulk ingest several times slower.
CREATE TABLE IF NOT EXISTS complaints (
  complaint_id VARCHAR NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  city VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  technology VARCHAR NOT NULL,
  -- The point used for geo analytics: the given (lat, lon) converted to WGS-84, else the cell's site.
  lat DOUBLE,
  lon DOUBLE,
  located_by VARCHAR, -- 'point' | 'cell' | NULL when unlocated
  h3 VARCHAR,
  cell_id VARCHAR,
  replied_at TIMESTAMPTZ,
  resolved_at TIMESTAMPTZ,
  resolution VARCHAR,
  satisfied BOOLEAN,
  run_id BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS cell_sites (
  cell_id VARCHAR PRIMARY KEY,
  site_id VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  technology VARCHAR NOT NULL,
  lat DOUBLE NOT NULL,
  lon DOUBLE NOT NULL,
  azimuth DOUBLE,
  status VARCHAR NOT NULL,
  h3 VARCHAR NOT NULL,
  run_id BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS subscribers (
  city VARCHAR NOT NULL,
  technology VARCHAR NOT NULL,
  month VARCHAR NOT NULL,
  subscribers BIGINT NOT NULL,
  run_id BIGINT NOT NULL,
  PRIMARY KEY (city, technology, month)
);

CREATE TABLE IF NOT EXISTS network_events (
  event_id VARCHAR PRIMARY KEY,
  cell_id VARCHAR,
  lat DOUBLE,
  lon DOUBLE,
  radius_m DOUBLE,
  kind VARCHAR NOT NULL,
  starts_at TIMESTAMPTZ NOT NULL,
  ends_at TIMESTAMPTZ,
  note VARCHAR,
  run_id BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS incidents (
  incident_id VARCHAR PRIMARY KEY,
  category VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  start_at TIMESTAMPTZ NOT NULL,
  end_at TIMESTAMPTZ NOT NULL,
  hexes VARCHAR[] NOT NULL,
  cell_ids VARCHAR[] NOT NULL,
  complaint_ids VARCHAR[] NOT NULL,
  complaint_count INTEGER NOT NULL,
  peak_count INTEGER NOT NULL,
  centroid_lat DOUBLE NOT NULL,
  centroid_lon DOUBLE NOT NULL
);

-- Complaints counted by at least one qualifying group (SPEC §3), for the 2 h reply limit.
CREATE TABLE IF NOT EXISTS cluster_members (
  complaint_id VARCHAR PRIMARY KEY,
  incident_id VARCHAR NOT NULL
);
