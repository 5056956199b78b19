-- The sandbox identity registry (package registry): one row per person,
-- loaded from the personas file.

-- +goose Up
CREATE TABLE registry_persons (
    id_number              text PRIMARY KEY CHECK (id_number ~ '^[0-9]{12}$'),
    full_name              text NOT NULL CHECK (full_name <> ''),
    date_of_birth          date NOT NULL,
    gender                 text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
    phone                  text NOT NULL CHECK (phone ~ '^\+84[0-9]{9}$'),
    social_insurance_code  text NOT NULL CHECK (social_insurance_code ~ '^[0-9]{10}$'),
    province_code          text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
    ward_code              text NOT NULL CHECK (ward_code ~ '^[0-9]{5}$'),
    street                 text NOT NULL,
    card_number            text CHECK (card_number ~ '^([0-9]{10}|[A-Z]{2}[1-5][0-9]{12})$'),
    card_valid_from        date,
    card_valid_to          date,
    card_registered_clinic text,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT registry_persons_card_complete CHECK (
        (card_number IS NULL AND card_valid_from IS NULL AND card_valid_to IS NULL
            AND card_registered_clinic IS NULL)
        OR (card_number IS NOT NULL AND card_valid_from IS NOT NULL AND card_valid_to IS NOT NULL
            AND card_registered_clinic IS NOT NULL AND card_valid_to >= card_valid_from))
);

CREATE INDEX registry_persons_social_insurance_code ON registry_persons (social_insurance_code);

-- +goose Down
DROP TABLE registry_persons;
