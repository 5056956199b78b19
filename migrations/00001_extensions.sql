-- Formerly created the unaccent and pg_trgm extensions (PostgreSQL contrib) for
-- a catalogue search in SQL; the search is in Go (internal/catalogue), so
-- nothing uses them and a fresh database no longer needs contrib or a role
-- that may create extensions. Databases that ran the old version drop them in
-- 00002. Kept as a no-op so goose's version history stays the same.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
