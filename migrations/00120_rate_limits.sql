-- Rate-limit counters (package ratelimit): one fixed window per key, shared
-- by all processes. Keys hold hashes, never raw ID numbers or phones.

-- +goose Up
CREATE TABLE rate_limits (
    key            text PRIMARY KEY,
    count          bigint NOT NULL CHECK (count > 0),
    window_ends_at timestamptz NOT NULL
);

CREATE INDEX rate_limits_window_ends_at ON rate_limits (window_ends_at);

-- +goose Down
DROP TABLE rate_limits;
