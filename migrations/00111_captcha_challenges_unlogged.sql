-- Captcha challenges live for minutes and are single use: the table is
-- UNLOGGED, so issuing and consuming a challenge writes no WAL and their
-- commits wait for no flush (two per login and per submission). A
-- PostgreSQL crash (not a clean restart) or a failover to a standby empties
-- it: the challenges open at that moment are refused and the citizen asks
-- for a new picture. A consumed challenge cannot come back, since the crash
-- removes every row. See package captcha.

-- +goose Up
ALTER TABLE captcha_challenges SET UNLOGGED;

-- +goose Down
ALTER TABLE captcha_challenges SET LOGGED;
