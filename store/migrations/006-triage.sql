-- Triage (SPEC §11): every complaint's route and why, set in the write that stores it.
ALTER TABLE complaints ADD COLUMN IF NOT EXISTS route VARCHAR;
ALTER TABLE complaints ADD COLUMN IF NOT EXISTS route_reason VARCHAR;

-- Appraisal targets other than the per-technology rate targets (SPEC §11): the share of
-- complaints meeting the service commitment that earns full points (the seed's 93.45 %).
CREATE TABLE IF NOT EXISTS appraisal_targets (
  name VARCHAR PRIMARY KEY,
  value DOUBLE NOT NULL
);
INSERT INTO appraisal_targets VALUES ('compliance', 0.9345) ON CONFLICT DO NOTHING;
