-- +goose Up
-- Obligations: what someone owes an agency (package internal/obligation).
-- Loaded from the sandbox obligations file or pushed by agencies; one row per
-- (agency, kind, the agency's own reference).
CREATE TABLE obligations (
    id                bigserial   PRIMARY KEY,
    agency_code       text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('TAX', 'ELECTRICITY_BILL', 'TRAFFIC_FINE', 'APPLICATION_FEE')),
    -- where it came from: SANDBOX (the sandbox file) or PUSH (the agency API).
    origin            text        NOT NULL CHECK (origin IN ('SANDBOX', 'PUSH')),
    source_ref        text        NOT NULL CHECK (length(source_ref) BETWEEN 1 AND 100),
    -- what findObligations looks it up by (a tax code, a customer code, a
    -- decision number with its plate), normalised by obligation.LookupKey.
    lookup_keys       text[]      NOT NULL DEFAULT '{}',
    -- the debtor's ID number (12 digits) when a person, else ''.
    debtor_id_number  text        NOT NULL DEFAULT '',
    debtor_name       text        NOT NULL,
    -- SELF: masked unless the viewer is the debtor; SHOWN; MASKED.
    name_visibility   text        NOT NULL CHECK (name_visibility IN ('SELF', 'SHOWN', 'MASKED')),
    description       text        NOT NULL,
    period            text        NOT NULL DEFAULT '',
    due_date          date,
    -- fines: the day the violator received the decision (late charge base).
    received_on       date,
    held_papers       boolean     NOT NULL DEFAULT false,
    -- the lines without the late charge, which is computed at quote time.
    lines             jsonb       NOT NULL,
    principal         bigint      NOT NULL CHECK (principal >= 0),
    payee_bank_code   text        NOT NULL,
    payee_account     text        NOT NULL,
    payee_name        text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('OPEN', 'PAID', 'CANCELLED', 'SUPERSEDED')),
    paid_on           date,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT obligations_ref UNIQUE (agency_code, kind, source_ref)
);
CREATE INDEX obligations_lookup ON obligations USING gin (lookup_keys);
CREATE INDEX obligations_by_debtor ON obligations (debtor_id_number) WHERE debtor_id_number <> '';

-- +goose Down
DROP TABLE obligations;
