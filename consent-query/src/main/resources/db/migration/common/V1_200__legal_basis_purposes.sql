-- The legal-basis read model keeps the purposes and the names of the legal bases it shows, from the catalog's events,
-- instead of reading the catalog's tables: rebuilding the catalog no longer empties the contact cards' purposes.
-- Filled from the catalog's rows once; its handlers take an event already counted here without harm.
CREATE TABLE basis_purpose (
    purpose_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    retention  VARCHAR(64),
    active     BOOLEAN      NOT NULL
);

CREATE TABLE basis_name (
    legal_basis VARCHAR(32)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL
);

INSERT INTO basis_purpose (purpose_id, name, retention, active)
SELECT purpose_id, name, retention, active FROM purpose_view;

INSERT INTO basis_name (legal_basis, name)
SELECT legal_basis, name FROM legal_basis_view;
