-- An erased contact keeps its row without name and email, so that its legal bases still read as proof.
ALTER TABLE contact_view ALTER COLUMN name DROP NOT NULL;
ALTER TABLE contact_view ALTER COLUMN email DROP NOT NULL;
ALTER TABLE contact_view ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
