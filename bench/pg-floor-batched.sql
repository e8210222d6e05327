-- The floor with batched projections: the least database work the ledger must do per GrantConsent when its
-- projections write as they can at best. One run of this script counts as one grant:
--   * the event's append, one ~900-byte row in its own transaction (as the command does);
--   * on every 100th run of a client, the two projections' writes for the last 100 grants, each projection in one
--     transaction of its own: the standing rows as one multi-row upsert, the history rows as one multi-row insert,
--     and each projection's token update (one row per client here, so clients do not queue on one row; in the ledger
--     one node's processor owns each token).
-- Needs the tables bench/run.sh makes (bench_event, bench_basis, bench_history, bench_token, bench_seq) and
-- `pgbench -D n=0` (the client's run counter). The 100 rows come from generate_series (one statement each, 100 rows,
-- contacts in a contiguous block, so one statement never upserts a row twice and two blocks never deadlock).
\set n :n + 1
\set c random(1, 2000)
INSERT INTO bench_event (aggregate_id, seq, payload)
VALUES ('bench-' || :c, nextval('bench_seq'), convert_to(repeat('x', 900), 'UTF8'));
\if :n % 100 = 0
\set b random(0, 1999)
BEGIN;
INSERT INTO bench_basis (contact_id, purpose_id, status, since, source_id, recorded_by)
SELECT 'bench-' || ((:b + g) % 2000 + 1), 'e-marketing', 'GRANTED', now(), 'web-form', 'bench'
FROM generate_series(0, 99) AS g
ON CONFLICT (contact_id, purpose_id) DO UPDATE
SET status = excluded.status, since = excluded.since, source_id = excluded.source_id, recorded_by = excluded.recorded_by;
INSERT INTO bench_token (processor, client, position) VALUES ('legal-basis', :client_id, :n)
ON CONFLICT (processor, client) DO UPDATE SET position = excluded.position;
END;
BEGIN;
INSERT INTO bench_history (contact_id, seq, recorded_at, actor, channel, change, purpose_id, source_id, source_detail)
SELECT 'bench-' || ((:b + g) % 2000 + 1), nextval('bench_seq'), now(), 'bench', 'api', 'CONSENT_GRANTED', 'e-marketing',
       'web-form', repeat('y', 80)
FROM generate_series(0, 99) AS g;
INSERT INTO bench_token (processor, client, position) VALUES ('history', :client_id, :n)
ON CONFLICT (processor, client) DO UPDATE SET position = excluded.position;
END;
\endif
