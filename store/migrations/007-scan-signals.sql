-- Prospective space-time scans (SPEC §11): one row per analysis of one category, the signals it
-- reported, and each incident's best overlapping signal (its significance).
CREATE TABLE IF NOT EXISTS scan_analyses (
  analysis_id VARCHAR PRIMARY KEY,
  category VARCHAR NOT NULL,
  analysed_at TIMESTAMPTZ NOT NULL, -- every window ends here
  replicates INTEGER NOT NULL,
  seed BIGINT NOT NULL,
  analyses_per_day DOUBLE NOT NULL,
  complaints INTEGER NOT NULL, -- C: the category's located complaints in the study period
  recent INTEGER NOT NULL, -- of which in the 24 h window
  most_likely_llr DOUBLE NOT NULL,
  most_likely_p DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS signals (
  signal_id VARCHAR NOT NULL,
  analysis_id VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  hexes VARCHAR[] NOT NULL,
  start_at TIMESTAMPTZ NOT NULL, -- window (start_at, end_at]
  end_at TIMESTAMPTZ NOT NULL,
  observed INTEGER NOT NULL,
  expected DOUBLE NOT NULL,
  llr DOUBLE NOT NULL,
  p_value DOUBLE NOT NULL,
  recurrence_interval_days DOUBLE NOT NULL,
  status VARCHAR NOT NULL,
  incident_ids VARCHAR[] NOT NULL,
  rank INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS incident_significance (
  incident_id VARCHAR PRIMARY KEY,
  p_value DOUBLE NOT NULL,
  recurrence_interval_days DOUBLE NOT NULL,
  signal_id VARCHAR -- NULL: no zone-window overlapping the incident had an excess (p = 1)
);
