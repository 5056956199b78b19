-- An application submitted for an enterprise (package internal/application):
-- the enterprise is the applicant, account_id / applicant_id_number the
-- citizen who represents it.

-- +goose Up
ALTER TABLE applications ADD COLUMN enterprise_id bigint REFERENCES enterprises (id);
-- The enterprise's applications, newest first (its representative's list).
CREATE INDEX applications_by_enterprise ON applications (enterprise_id, submitted_at DESC, id DESC)
    WHERE enterprise_id IS NOT NULL;

-- +goose Down
ALTER TABLE applications DROP COLUMN enterprise_id;
