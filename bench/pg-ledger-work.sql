-- The least database work the ledger does for one GrantConsent, with no JVM in the way: the event's append in its own
-- transaction (as the command does), then the two projection writes it causes (the contact's standing and a history
-- row) in one more (the projections batch theirs, so this is a floor). Token updates and the saga's lookups are left
-- out. One run of this script counts as one grant.
\set c random(1, 2000)
INSERT INTO bench_event (aggregate_id, seq, payload)
VALUES ('bench-' || :c, nextval('bench_seq'), convert_to(repeat('x', 900), 'UTF8'));
BEGIN;
UPDATE bench_basis SET status = 'GRANTED', since = now(), source_id = 'web-form', recorded_by = 'bench'
WHERE contact_id = 'bench-' || :c AND purpose_id = 'e-marketing';
INSERT INTO bench_history (contact_id, seq, recorded_at, actor, channel, change, purpose_id, source_id, source_detail)
VALUES ('bench-' || :c, nextval('bench_seq'), now(), 'bench', 'api', 'CONSENT_GRANTED', 'e-marketing', 'web-form',
        repeat('y', 80));
END;
