-- Captcha challenges (package captcha): single use, stored as a hash of the
-- answer, shared by all processes.

-- +goose Up
CREATE TABLE captcha_challenges (
    id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    answer_hash bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX captcha_challenges_expires_at ON captcha_challenges (expires_at);

-- +goose Down
DROP TABLE captcha_challenges;
