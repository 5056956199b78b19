-- +goose Up
-- Payments, their items, the append-only event ledger, receipts, refunds and
-- reconciliation discrepancies (package internal/payment).
CREATE SEQUENCE payment_code_seq AS bigint;

CREATE TABLE payments (
    id               bigserial   PRIMARY KEY,
    code             text        NOT NULL UNIQUE,
    account_id       bigint      NOT NULL,
    provider         text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('CREATED', 'STARTED', 'PENDING', 'SUCCEEDED',
                         'FAILED', 'CANCELLED', 'EXPIRED', 'REVIEW')),
    amount           bigint      NOT NULL CHECK (amount > 0),
    currency         text        NOT NULL DEFAULT 'VND' CHECK (currency = 'VND'),
    payee_bank_code  text        NOT NULL,
    payee_account    text        NOT NULL,
    return_url       text        NOT NULL,
    next_url         text        NOT NULL DEFAULT '',
    client_ip        text        NOT NULL DEFAULT '',
    locale           text        NOT NULL DEFAULT 'vn',
    delivery         jsonb,
    provider_txn_id  text        NOT NULL DEFAULT '',
    refunded         bigint      NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    paid_at          timestamptz,
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_hash     bytea       NOT NULL,
    CONSTRAINT payments_idempotency UNIQUE (account_id, idempotency_key)
);
CREATE INDEX payments_by_account ON payments (account_id, created_at DESC, id DESC);
CREATE INDEX payments_unfinished ON payments (expires_at) WHERE status IN ('CREATED', 'STARTED', 'PENDING');

-- One row per obligation paid. state mirrors the payment: ACTIVE while the
-- payment is unfinished, PAID once it succeeded, CLOSED otherwise. The two
-- partial unique indexes are THE rule "at most one unfinished and at most one
-- successful payment per obligation".
CREATE TABLE payment_items (
    payment_id    bigint NOT NULL REFERENCES payments (id),
    obligation_id bigint NOT NULL REFERENCES obligations (id),
    agency_code   text   NOT NULL,
    amount        bigint NOT NULL CHECK (amount > 0),
    lines         jsonb  NOT NULL,
    state         text   NOT NULL CHECK (state IN ('ACTIVE', 'PAID', 'CLOSED')),
    agency_receipt text  NOT NULL DEFAULT '',
    acknowledged_at timestamptz,
    PRIMARY KEY (payment_id, obligation_id)
);
CREATE UNIQUE INDEX payment_items_one_unfinished ON payment_items (obligation_id) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX payment_items_one_paid ON payment_items (obligation_id) WHERE state = 'PAID';
CREATE INDEX payment_items_by_agency ON payment_items (agency_code, payment_id);

-- The append-only ledger. provider_event_key is unique: a provider event is
-- applied once.
CREATE TABLE payment_events (
    id                 bigserial   PRIMARY KEY,
    payment_id         bigint      NOT NULL REFERENCES payments (id),
    at                 timestamptz NOT NULL,
    status             text        NOT NULL,
    source             text        NOT NULL CHECK (source IN ('NOTIFICATION', 'RETURN', 'STATUS_QUERY',
                           'RECONCILIATION', 'AGENCY', 'OPERATOR', 'CITIZEN')),
    note               text        NOT NULL DEFAULT '',
    provider_event_key text        UNIQUE,
    data               jsonb
);
CREATE INDEX payment_events_by_payment ON payment_events (payment_id, id);

-- +goose StatementBegin
CREATE FUNCTION payment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'payment_events is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER payment_events_append_only BEFORE UPDATE OR DELETE ON payment_events
    FOR EACH ROW EXECUTE FUNCTION payment_events_append_only();

-- Receipts: our CONFIRMATION (with a verify code) and the agency's AGENCY
-- receipt once it acknowledges.
CREATE TABLE payment_receipts (
    id          bigserial   PRIMARY KEY,
    payment_id  bigint      NOT NULL REFERENCES payments (id),
    kind        text        NOT NULL CHECK (kind IN ('CONFIRMATION', 'AGENCY')),
    number      text        NOT NULL,
    issuer      text        NOT NULL,
    issued_at   timestamptz NOT NULL,
    amount      bigint      NOT NULL,
    verify_code text        NOT NULL,
    obligation_id bigint,
    CONSTRAINT payment_receipts_number UNIQUE (kind, number)
);
CREATE UNIQUE INDEX payment_receipts_one_confirmation ON payment_receipts (payment_id) WHERE kind = 'CONFIRMATION';
CREATE INDEX payment_receipts_by_payment ON payment_receipts (payment_id);

CREATE TABLE payment_refunds (
    id              bigserial   PRIMARY KEY,
    payment_id      bigint      NOT NULL REFERENCES payments (id),
    amount          bigint      NOT NULL CHECK (amount > 0),
    status          text        NOT NULL CHECK (status IN ('REQUESTED', 'SUBMITTED', 'SUCCEEDED', 'FAILED')),
    reason          text        NOT NULL,
    requested_by    text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    provider_ref    text        NOT NULL DEFAULT '',
    response_code   text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT payment_refunds_idempotency UNIQUE (requested_by, idempotency_key)
);
CREATE INDEX payment_refunds_by_payment ON payment_refunds (payment_id);

-- What reconciliation (and the notification handler) found wrong.
CREATE TABLE payment_discrepancies (
    id          bigserial   PRIMARY KEY,
    day         date        NOT NULL,
    payment_id  bigint      REFERENCES payments (id),
    kind        text        NOT NULL,
    note        text        NOT NULL,
    found_at    timestamptz NOT NULL,
    resolved_at timestamptz,
    -- one row per (day, kind, payment or provider reference): a re-run adds nothing.
    dedup_key   text        NOT NULL UNIQUE
);
CREATE INDEX payment_discrepancies_by_day ON payment_discrepancies (day);

-- +goose Down
DROP TABLE payment_discrepancies;
DROP TABLE payment_refunds;
DROP TABLE payment_receipts;
DROP TABLE payment_events;
DROP FUNCTION payment_events_append_only();
DROP TABLE payment_items;
DROP TABLE payments;
DROP SEQUENCE payment_code_seq;
