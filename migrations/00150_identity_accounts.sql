-- +goose Up
-- Citizen accounts: one per ID number. The password is an argon2id PHC
-- string; phone is the phone on record in the registry at registration
-- (+84 form), where login codes go.
CREATE TABLE identity_accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_number       text NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{12}$'),
    phone           text NOT NULL CHECK (phone ~ '^\+84[0-9]{9}$'),
    password_hash   text NOT NULL,
    status          text NOT NULL CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE')),
    language        text NOT NULL CHECK (language IN ('vi', 'en')),
    consent_version text NOT NULL,
    consented_at    timestamptz NOT NULL,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    activated_at    timestamptz
);

-- Failed logins and failed OTP challenges, for the lockout rule (10 in an
-- hour lock the account for 15 minutes). Rows older than an hour are pruned
-- whenever a new one is written for the account.
CREATE TABLE identity_auth_failures (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES identity_accounts (id),
    kind       text NOT NULL CHECK (kind IN ('PASSWORD', 'CHALLENGE')),
    at         timestamptz NOT NULL
);
CREATE INDEX identity_auth_failures_account_at ON identity_auth_failures (account_id, at);

-- +goose Down
DROP TABLE identity_auth_failures;
DROP TABLE identity_accounts;
