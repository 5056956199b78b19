-- +goose Up
-- The security audit log: append-only. It never holds a code, a password, a
-- token or a full ID number (only the masked form).
CREATE TABLE identity_audit_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at               timestamptz NOT NULL,
    event            text NOT NULL,
    account_id       bigint REFERENCES identity_accounts (id),
    masked_id_number text NOT NULL DEFAULT '',
    ip               inet,
    user_agent       text NOT NULL DEFAULT '',
    request_id       text NOT NULL DEFAULT '',
    detail           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX identity_audit_events_account_at ON identity_audit_events (account_id, at);

-- +goose StatementBegin
CREATE FUNCTION identity_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'identity_audit_events is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER identity_audit_events_append_only BEFORE UPDATE OR DELETE ON identity_audit_events
    FOR EACH ROW EXECUTE FUNCTION identity_audit_events_append_only();

-- +goose Down
DROP TABLE identity_audit_events;
DROP FUNCTION identity_audit_events_append_only();
