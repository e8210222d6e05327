-- The names admins gave the legal bases; a basis without a row keeps its standard name.
CREATE TABLE legal_basis_view (
    legal_basis VARCHAR(32)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    named_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
