-- The confirmation email names the source a contact came from as the person can recognise it. Rows written before
-- this column existed are filled in from the sources' events at start (SourceNames).
ALTER TABLE command_source ADD COLUMN name VARCHAR(200);
