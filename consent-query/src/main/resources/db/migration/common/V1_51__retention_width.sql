-- A retention period the API accepted may be longer than 32 characters (P2147483647Y2147483647M2147483647D has 34):
-- the catalog projection must be able to store every period a purpose event holds.
ALTER TABLE purpose_view ALTER COLUMN retention SET DATA TYPE VARCHAR(64);
ALTER TABLE purpose_version_view ALTER COLUMN retention SET DATA TYPE VARCHAR(64);
