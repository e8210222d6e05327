-- One row counting the changes to the command-side lookup tables, bumped in the transaction of each change: every
-- node reads it once per command and re-reads its in-memory copy of the catalog only when it moved.
CREATE TABLE command_catalog_version (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO command_catalog_version (id, version) VALUES (1, 0);
