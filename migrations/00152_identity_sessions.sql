-- +goose Up
-- Citizen sessions. Only the SHA-256 of the bearer token is stored.
CREATE TABLE identity_sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES identity_accounts (id),
    token_hash   bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    ip           inet,
    user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX identity_sessions_account ON identity_sessions (account_id);

-- +goose Down
DROP TABLE identity_sessions;
