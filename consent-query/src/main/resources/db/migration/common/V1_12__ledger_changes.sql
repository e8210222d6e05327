-- The auditor's browser reads the changes of all contacts newest first, by time range.
CREATE INDEX contact_history_recorded_at ON contact_history (recorded_at);
