-- Uploaded documents (package internal/document): the metadata of each
-- upload (its bytes are in the blob store under storage_key) and which
-- applications it is attached to.

-- +goose Up
CREATE TABLE uploads (
    id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    -- who uploaded it: "account:<id>" (a citizen) or "agency:<code>".
    owner        text        NOT NULL,
    file_name    text        NOT NULL CHECK (file_name <> ''),
    content_type text        NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         bigint      NOT NULL CHECK (size > 0),
    sha256       bytea       NOT NULL CHECK (length(sha256) = 32),
    storage_key  text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    -- set in the transaction that attaches it; never attached after a day =
    -- an orphan the cleanup job deletes.
    attached_at  timestamptz
);
CREATE INDEX uploads_orphans ON uploads (created_at) WHERE attached_at IS NULL;
-- An owner's pending uploads (bounded per owner).
CREATE INDEX uploads_pending_by_owner ON uploads (owner) WHERE attached_at IS NULL;

CREATE TABLE application_documents (
    application_id bigint NOT NULL REFERENCES applications (id),
    upload_id      text   NOT NULL REFERENCES uploads (id),
    document_code  text   NOT NULL,
    -- APPLICANT: part of the dossier; RESULT: the agency's result document.
    role           text   NOT NULL CHECK (role IN ('APPLICANT', 'RESULT')),
    PRIMARY KEY (application_id, upload_id)
);
CREATE INDEX application_documents_by_upload ON application_documents (upload_id);

-- +goose Down
DROP TABLE application_documents;
DROP TABLE uploads;
