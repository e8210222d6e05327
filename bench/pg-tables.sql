-- The tables the pgbench scripts write (pg-insert.sql, pg-ledger-work.sql, pg-floor-batched.sql), made anew before
-- each client count by bench/run.sh and bench/multi-node.sh.
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_raw, bench_event, bench_basis, bench_history, bench_token;
DROP SEQUENCE IF EXISTS bench_seq;
CREATE TABLE bench_raw (id BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(255) NOT NULL, seq BIGINT NOT NULL, payload BYTEA NOT NULL);
CREATE SEQUENCE bench_seq;
CREATE TABLE bench_event (id BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(255) NOT NULL, seq BIGINT NOT NULL,
  payload BYTEA NOT NULL, UNIQUE (aggregate_id, seq));
CREATE TABLE bench_basis (contact_id VARCHAR(128) NOT NULL, purpose_id VARCHAR(64) NOT NULL, status VARCHAR(32),
  since TIMESTAMP WITH TIME ZONE, source_id VARCHAR(64), recorded_by VARCHAR(200), PRIMARY KEY (contact_id, purpose_id));
INSERT INTO bench_basis SELECT 'bench-' || i, 'e-marketing', 'WITHDRAWN', now(), 'email', 'bench'
  FROM generate_series(1, 2000) AS i;
CREATE TABLE bench_history (contact_id VARCHAR(128) NOT NULL, seq BIGINT NOT NULL, recorded_at TIMESTAMP WITH TIME ZONE,
  actor VARCHAR(200), channel VARCHAR(32), change VARCHAR(40), purpose_id VARCHAR(64), source_id VARCHAR(64),
  source_detail VARCHAR(500), PRIMARY KEY (contact_id, seq));
CREATE INDEX bench_history_recorded_at ON bench_history (recorded_at);
CREATE TABLE bench_token (processor VARCHAR(64) NOT NULL, client INT NOT NULL, position BIGINT,
  PRIMARY KEY (processor, client));
