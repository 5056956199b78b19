-- The working-day calendar (owned by internal/calendar): public holidays,
-- official day-off swaps and make-up working days. The embedded days.json is
-- the source of truth; calendar.Seed makes this table equal to it.
-- +goose Up
CREATE TABLE calendar_days (
    date    date PRIMARY KEY,
    kind    text NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKEUP_WORKDAY', 'DAY_OFF_SWAP')),
    name_vi text NOT NULL CHECK (name_vi <> ''),
    name_en text NOT NULL,
    basis   text NOT NULL DEFAULT '',
    -- A make-up working day is a Saturday or Sunday; a swap is a weekday.
    CHECK (kind <> 'MAKEUP_WORKDAY' OR extract(isodow FROM date) IN (6, 7)),
    CHECK (kind <> 'DAY_OFF_SWAP' OR extract(isodow FROM date) BETWEEN 1 AND 5)
);

-- +goose Down
DROP TABLE calendar_days;
