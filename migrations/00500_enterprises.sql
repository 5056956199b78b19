-- The sandbox business registry (package internal/enterprise): one row per
-- enterprise or branch, loaded from the businesses file.

-- +goose Up
CREATE TABLE enterprises (
    id              bigserial PRIMARY KEY,
    tax_code        text NOT NULL UNIQUE CHECK (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
    name            text NOT NULL CHECK (name <> ''),
    status          text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DISSOLVED')),
    province_code   text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
    ward_code       text NOT NULL CHECK (ward_code ~ '^[0-9]{5}$'),
    street          text NOT NULL,
    legal_rep_id_number text NOT NULL CHECK (legal_rep_id_number ~ '^[0-9]{12}$'),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- A citizen's enterprises.
CREATE INDEX enterprises_by_representative ON enterprises (legal_rep_id_number, tax_code);

-- +goose Down
DROP TABLE enterprises;
