-- Purposes and sources get their own event streams ("purpose/<id>", "source/<id>"; see StreamIds), so that a contact
-- whose CRM id equals a purpose or source id no longer shares (and clashes with) its stream. Only the stream name
-- moves; the events themselves are untouched.
UPDATE DomainEventEntry SET aggregateIdentifier = 'purpose/' || aggregateIdentifier
    WHERE type = 'Purpose' AND aggregateIdentifier NOT LIKE 'purpose/%';
UPDATE DomainEventEntry SET aggregateIdentifier = 'source/' || aggregateIdentifier
    WHERE type = 'Source' AND aggregateIdentifier NOT LIKE 'source/%';
UPDATE SnapshotEventEntry SET aggregateIdentifier = 'purpose/' || aggregateIdentifier
    WHERE type = 'Purpose' AND aggregateIdentifier NOT LIKE 'purpose/%';
UPDATE SnapshotEventEntry SET aggregateIdentifier = 'source/' || aggregateIdentifier
    WHERE type = 'Source' AND aggregateIdentifier NOT LIKE 'source/%';
