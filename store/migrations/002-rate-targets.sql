-- Complaint-rate targets per technology, in complaints per 10,000 subscribers per month
-- (the performance appraisal of SPEC §4). Defaults sit between the seed province's before and
-- after figures (GSM 2.67 -> 0.74, WCDMA 16.43 -> 2.67); `cellpulse targets --set` changes them.
CREATE TABLE IF NOT EXISTS rate_targets (
  technology VARCHAR PRIMARY KEY,
  target_per_10k DOUBLE NOT NULL
);
INSERT INTO rate_targets VALUES ('GSM', 2.0), ('WCDMA', 8.0), ('LTE', 5.0), ('NR', 4.0)
  ON CONFLICT DO NOTHING;
