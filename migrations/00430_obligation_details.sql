-- +goose Up
-- What an agency says of an obligation beyond its amount (package
-- internal/obligation, Details): the tax reference number and authority,
-- an electricity bill's kWh and supply ward, a fine's decision, unit and
-- held papers. Shown to the payer and named in the success SMS.
ALTER TABLE obligations ADD COLUMN details jsonb NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE obligations DROP COLUMN details;
