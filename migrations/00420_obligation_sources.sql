-- +goose Up
-- Partner obligation sources (package internal/obligation): an agency's
-- lookup, verify and notify endpoints and its signing secret, sealed at rest
-- (internal/sealed, bound to the agency code).
CREATE TABLE obligation_sources (
    agency_code   text        PRIMARY KEY,
    lookup_url    text        NOT NULL,
    verify_url    text        NOT NULL,
    notify_url    text        NOT NULL,
    secret_sealed text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- +goose Down
DROP TABLE obligation_sources;
