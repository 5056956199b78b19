-- +goose Up
-- SMS one-time-password challenges. The code is stored only as
-- HMAC-SHA256(key key_version, id || purpose || code). attempts is counted
-- before each comparison; a challenge is closed when consumed, after the 5th
-- wrong code, or when a newer challenge of the account supersedes it.
CREATE TABLE identity_otp_challenges (
    id            uuid PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES identity_accounts (id),
    purpose       text NOT NULL CHECK (purpose IN ('REGISTRATION', 'LOGIN')),
    phone         text NOT NULL,
    code_mac      bytea NOT NULL,
    key_version   integer NOT NULL,
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
    sms_count     integer NOT NULL DEFAULT 1 CHECK (sms_count BETWEEN 1 AND 5),
    created_at    timestamptz NOT NULL,
    last_sent_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    closed_reason text CHECK (closed_reason IN ('CONSUMED', 'EXHAUSTED', 'SUPERSEDED')),
    CHECK ((closed_at IS NULL) = (closed_reason IS NULL))
);
-- At most one open challenge per account: a new login or registration closes
-- the previous one (the account row is locked while that happens).
CREATE UNIQUE INDEX identity_otp_challenges_one_open ON identity_otp_challenges (account_id) WHERE closed_at IS NULL;

-- +goose Down
DROP TABLE identity_otp_challenges;
