-- One ~500-byte insert per transaction: the raw limit of the database for an append like an event's.
INSERT INTO bench_raw (aggregate_id, seq, payload)
VALUES ('contact-' || (random() * 100000)::int, 0, convert_to(repeat('x', 480), 'UTF8'));
