-- Values an installation makes once and every node sharing the database uses: the key profile and confirmation links
-- are sealed with (unless consent.profile.secret is configured) and the first start's admin password hash (unless
-- users are configured). The first node to need one inserts it; the others read it.
CREATE TABLE installation_secret (
    name       VARCHAR(64)   NOT NULL PRIMARY KEY,
    secret     VARCHAR(1000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
