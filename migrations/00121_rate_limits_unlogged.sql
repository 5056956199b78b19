-- Rate-limit counters are throttles, not records: the table is UNLOGGED, so
-- counting an event writes no WAL and its commit waits for no flush (six
-- counters per login). A PostgreSQL crash (not a clean restart) or a
-- failover to a standby empties it: every window starts again. The lockout
-- that stops password guessing (identity_auth_failures, locked_until) and
-- the OTP attempt counter stay in logged tables. See package ratelimit.

-- +goose Up
ALTER TABLE rate_limits SET UNLOGGED;

-- +goose Down
ALTER TABLE rate_limits SET LOGGED;
