-- Outgoing messages (package notify): one row per SMS with its status and
-- attempts. OTP texts are stored with the code redacted; the text to send
-- travels sealed in the River job.

-- +goose Up
CREATE TABLE notifications (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel       text NOT NULL CHECK (channel IN ('SMS')),
    purpose       text NOT NULL CHECK (purpose <> ''),
    recipient     text NOT NULL,
    text_redacted text NOT NULL,
    status        text NOT NULL CHECK (status IN ('QUEUED', 'RETRYING', 'SENT', 'FAILED', 'EXPIRED')),
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error    text,
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz
);

CREATE INDEX notifications_recipient_created_at ON notifications (recipient, created_at);

-- +goose Down
DROP TABLE notifications;
