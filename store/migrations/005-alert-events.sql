-- Durable alerts (SPEC §10). alert_events is the outbox: every incident event is written in the
-- transaction of the write that caused it, numbered by a sequence that survives restarts (SSE ids).
CREATE SEQUENCE IF NOT EXISTS alert_event_seq START 1;

CREATE TABLE IF NOT EXISTS alert_events (
  seq BIGINT PRIMARY KEY,
  type VARCHAR NOT NULL,
  incident_id VARCHAR NOT NULL,
  stored_at TIMESTAMPTZ NOT NULL,
  data VARCHAR NOT NULL -- the incident as JSON, as it stood when the event happened
);

-- Acknowledgement and resolution, keyed by incident_id; carried to the new id when
-- re-detection grows or merges an incident (analytics/alerts/incident-handling.ts).
CREATE TABLE IF NOT EXISTS incident_handling (
  incident_id VARCHAR PRIMARY KEY,
  state VARCHAR NOT NULL,
  acknowledged_at TIMESTAMPTZ,
  acknowledged_by VARCHAR,
  resolved_at TIMESTAMPTZ,
  resolved_by VARCHAR,
  root_cause VARCHAR,
  note VARCHAR
);

-- Per webhook endpoint: every event up to delivered_seq is delivered or dead-lettered; the
-- attempt columns describe the next event (the head of the endpoint's queue).
CREATE TABLE IF NOT EXISTS webhook_endpoints (
  endpoint VARCHAR PRIMARY KEY,
  delivered_seq BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  first_attempt_at TIMESTAMPTZ,
  next_attempt_at TIMESTAMPTZ,
  last_error VARCHAR
);

CREATE TABLE IF NOT EXISTS webhook_dead_letters (
  endpoint VARCHAR NOT NULL,
  seq BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  first_attempt_at TIMESTAMPTZ NOT NULL,
  dead_at TIMESTAMPTZ NOT NULL,
  last_error VARCHAR,
  PRIMARY KEY (endpoint, seq)
);
