-- +goose Up
-- Applications (package internal/application). The readable code comes from
-- one sequence per agency (application_code_<agency>), created on first use.
CREATE TABLE applications (
    id               bigserial PRIMARY KEY,
    code             text        NOT NULL UNIQUE,
    account_id       bigint      NOT NULL,
    applicant_id_number text     NOT NULL CHECK (applicant_id_number ~ '^[0-9]{12}$'),
    agency_code      text        NOT NULL,
    service_code     text        NOT NULL,
    service_version  integer     NOT NULL CHECK (service_version > 0),
    case_code        text        NOT NULL,
    handler          text        NOT NULL,
    form_data        jsonb       NOT NULL,
    delivery         jsonb       NOT NULL,
    fee_amount       bigint      NOT NULL CHECK (fee_amount >= 0),
    fee_currency     text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('SUBMITTED', 'RECEIVED', 'PROCESSING',
                         'SUPPLEMENT_REQUESTED', 'RESULT_READY', 'COMPLETED', 'REJECTED', 'CANCELLED')),
    appointment_date date        NOT NULL,
    submitted_at     timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    -- while SUPPLEMENT_REQUESTED: when the processing clock stopped.
    paused_at        timestamptz,
    -- a handler's "one open application per thing" key (a hash, e.g. of a
    -- health card number); unique among open applications below.
    open_key         text,
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_hash     bytea       NOT NULL,
    CONSTRAINT applications_idempotency UNIQUE (account_id, idempotency_key)
);

CREATE UNIQUE INDEX applications_one_open ON applications (open_key)
    WHERE open_key IS NOT NULL AND status NOT IN ('COMPLETED', 'REJECTED', 'CANCELLED');
-- The citizen's list, newest first.
CREATE INDEX applications_by_account ON applications (account_id, submitted_at DESC, id DESC);
-- The agency inbox, oldest first, with or without a status filter.
CREATE INDEX applications_by_agency ON applications (agency_code, submitted_at, id);
CREATE INDEX applications_by_agency_status ON applications (agency_code, status, submitted_at, id);

-- The append-only history of each application.
CREATE TABLE application_events (
    id             bigserial   PRIMARY KEY,
    application_id bigint      NOT NULL REFERENCES applications (id),
    at             timestamptz NOT NULL,
    status         text        NOT NULL,
    action         text        NOT NULL,
    actor          text        NOT NULL CHECK (actor IN ('CITIZEN', 'AGENCY', 'SYSTEM')),
    -- the account or API client that acted (audit; never shown to citizens).
    actor_ref      text        NOT NULL DEFAULT '',
    note           text        NOT NULL DEFAULT '',
    appointment_date date      NOT NULL
);
CREATE INDEX application_events_by_application ON application_events (application_id, id);

-- +goose StatementBegin
CREATE FUNCTION application_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'application_events is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON application_events
    FOR EACH ROW EXECUTE FUNCTION application_events_append_only();

-- +goose Down
DROP TABLE application_events;
DROP FUNCTION application_events_append_only();
DROP TABLE applications;
-- +goose StatementBegin
DO $$
DECLARE s text;
BEGIN
    FOR s IN SELECT sequencename FROM pg_sequences WHERE sequencename LIKE 'application\_code\_%' LOOP
        EXECUTE format('DROP SEQUENCE %I', s);
    END LOOP;
END;
$$;
-- +goose StatementEnd
