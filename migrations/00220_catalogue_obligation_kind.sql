-- +goose Up
-- The obligation a service version pays (package catalogue): a version with
-- an obligation kind takes no application; the citizen finds what is owed
-- (findObligations) and pays it (createPayment). NULL for an application
-- service. Catalogue data, set by the seed or by the publishing agency, so
-- agencies add paying services without the code changing. Adding a nullable
-- column updates no row: the immutability trigger of published versions
-- does not fire, and existing versions keep saying they pay nothing (the
-- seed loader publishes a new version where the seed now says otherwise).
ALTER TABLE catalogue_service_versions
    ADD COLUMN obligation_kind text CHECK (obligation_kind IN ('TAX', 'ELECTRICITY_BILL', 'TRAFFIC_FINE'));

-- +goose Down
ALTER TABLE catalogue_service_versions DROP COLUMN obligation_kind;
