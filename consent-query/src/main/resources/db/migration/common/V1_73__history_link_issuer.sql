-- What a person did through a profile link a staff member issued names that staff member and their roles (UNKNOWN for
-- a link sealed before links carried their issuer). Empty for everything else, including the person's own link.
ALTER TABLE contact_history ADD COLUMN link_issued_by VARCHAR(200);
ALTER TABLE contact_history ADD COLUMN link_issuer_role VARCHAR(200);
