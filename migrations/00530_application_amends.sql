-- An application that amends an earlier one (package internal/application):
-- e.g. the amendment of a registered sales promotion refers to its
-- registration. The original's amendments are listed by amends_id.

-- +goose Up
ALTER TABLE applications ADD COLUMN amends_id bigint REFERENCES applications (id);
CREATE INDEX applications_by_amends ON applications (amends_id, submitted_at, id) WHERE amends_id IS NOT NULL;

-- +goose Down
ALTER TABLE applications DROP COLUMN amends_id;
