-- The audience's reads against the legal-basis read model, with and without V1_360's index, in a scratch schema of its
-- own (the two tables as the migrations leave them; dropped at the end):
--   psql -h localhost -U postgres -d consent_test -f bench/audience-explain.sql
-- 500,000 contacts: every one with sales-and-service, 40 % with e-marketing (three in four granted), 10 % with events;
-- one in fifty erased.
DROP SCHEMA IF EXISTS audience_explain CASCADE;
CREATE SCHEMA audience_explain;
SET search_path TO audience_explain;
CREATE TABLE contact_view (contact_id VARCHAR(128) NOT NULL PRIMARY KEY, name VARCHAR(200), email VARCHAR(254),
  source_id VARCHAR(64) NOT NULL, registered_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, erased_at TIMESTAMPTZ);
CREATE TABLE contact_basis (contact_id VARCHAR(128) NOT NULL, purpose_id VARCHAR(64) NOT NULL, legal_basis VARCHAR(32) NOT NULL,
  status VARCHAR(32) NOT NULL, purpose_version INT NOT NULL, since TIMESTAMPTZ NOT NULL, source_id VARCHAR(64), recorded_by VARCHAR(200),
  valid_until TIMESTAMPTZ, confirmation_id VARCHAR(64), lapses_at TIMESTAMPTZ, PRIMARY KEY (contact_id, purpose_id));
-- 500,000 contacts; every one has sales-and-service; 40 % e-marketing (3/4 of them granted); 10 % events.
INSERT INTO contact_view SELECT 'crm-' || lpad(n::text, 7, '0'), 'x', 'x@example.com', 'import', now(), now(),
  CASE WHEN n % 50 = 0 THEN now() END FROM generate_series(1, 500000) n;
INSERT INTO contact_basis SELECT 'crm-' || lpad(n::text, 7, '0'), 'sales-and-service', 'LEGITIMATE_INTERESTS', 'GRANTED', 1, now(), 'import', 'crm-sync'
  FROM generate_series(1, 500000) n;
INSERT INTO contact_basis SELECT 'crm-' || lpad(n::text, 7, '0'), 'e-marketing', 'CONSENT', CASE WHEN n % 4 = 0 THEN 'WITHDRAWN' ELSE 'GRANTED' END, 1, now(), 'web-form', 'crm-sync'
  FROM generate_series(1, 500000) n WHERE n % 5 IN (1, 2);
INSERT INTO contact_basis SELECT 'crm-' || lpad(n::text, 7, '0'), 'events', 'CONSENT', 'GRANTED', 1, now(), 'web-form', 'crm-sync'
  FROM generate_series(1, 500000) n WHERE n % 10 = 3;
VACUUM ANALYZE contact_view; VACUUM ANALYZE contact_basis;
PREPARE now_q(text, text) AS SELECT b.contact_id, b.legal_basis, b.status, b.purpose_version, b.since, b.source_id,
  b.recorded_by, b.valid_until, b.confirmation_id, b.lapses_at
  FROM contact_basis b JOIN contact_view c ON c.contact_id = b.contact_id
  WHERE b.purpose_id = $1 AND b.status = $2 AND c.erased_at IS NULL ORDER BY b.contact_id;
PREPARE asof_q(text, text, int) AS SELECT contact_id FROM contact_basis WHERE purpose_id = $1 AND contact_id > $2
  ORDER BY contact_id LIMIT $3;
\echo '--- without the index (only the primary key (contact_id, purpose_id))'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE asof_q('events', 'crm-0250000', 1000);
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE now_q('events', 'GRANTED');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE now_q('e-marketing', 'GRANTED');
CREATE INDEX contact_basis_purpose ON contact_basis (purpose_id, contact_id);
ANALYZE contact_basis;
\echo '--- with V1_360 contact_basis_purpose (purpose_id, contact_id)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE asof_q('events', 'crm-0250000', 1000);
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE now_q('events', 'GRANTED');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE now_q('e-marketing', 'GRANTED');
\echo '--- the plan the planner passes over for a purpose of many rows: a merge join on the index, no sort'
SET enable_hashjoin = off;
SET enable_sort = off;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE now_q('e-marketing', 'GRANTED');
DROP SCHEMA audience_explain CASCADE;
