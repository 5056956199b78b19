-- +goose Up
-- Agency API keys (package partner). The key itself ("dvca_" + 32 random
-- bytes, base64url) is shown once at creation; only its SHA-256 is stored.
-- key_hint is the key's first characters, to tell keys apart in listings.
CREATE TABLE partner_api_clients (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_code text NOT NULL REFERENCES catalogue_agencies (code),
    key_hash    bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    key_hint    text NOT NULL,
    label       text NOT NULL DEFAULT '',
    scopes      text[] NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX partner_api_clients_agency ON partner_api_clients (agency_code);

-- +goose Down
DROP TABLE partner_api_clients;
