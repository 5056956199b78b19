-- +goose Up
-- Signed webhook deliveries to partner agencies (package internal/webhook).
-- A row is created in the transaction that causes it, with its River job;
-- its key is the Idempotency-Key the partner sees on every retry.
CREATE TABLE webhook_deliveries (
    id           bigserial   PRIMARY KEY,
    delivery_key text        NOT NULL UNIQUE,
    -- deliveries of one subject (e.g. one application) go out in id order.
    subject      text        NOT NULL,
    event        text        NOT NULL,
    url          text        NOT NULL,
    -- which secret signs it (resolved by the worker; never the secret itself).
    secret_ref   text        NOT NULL,
    body         text        NOT NULL,
    status       text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts     integer     NOT NULL DEFAULT 0,
    last_status  integer,
    last_error   text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (subject, id) WHERE status = 'PENDING';

-- +goose Down
DROP TABLE webhook_deliveries;
