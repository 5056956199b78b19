-- Drops unaccent and pg_trgm on databases where the old 00001 created them:
-- nothing in dvcportal uses them. An extension that something else in the
-- database depends on (an operator's own index, say), or that this role may
-- not drop, is left in place with a notice rather than failing the upgrade.
-- Down does nothing: 00001 no longer creates them either.
-- +goose Up
-- +goose StatementBegin
DO $$
DECLARE
    ext text;
BEGIN
    FOREACH ext IN ARRAY ARRAY['pg_trgm', 'unaccent'] LOOP
        BEGIN
            EXECUTE format('DROP EXTENSION IF EXISTS %I', ext);
        EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
            RAISE NOTICE 'extension % kept: %', ext, SQLERRM;
        END;
    END LOOP;
END
$$;
-- +goose StatementEnd

-- +goose Down
SELECT 1;
