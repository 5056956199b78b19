-- Administrative units (owned by internal/geo): 34 provinces and their
-- wards/communes after the 2025 reorganisation (two levels, no districts).
-- +goose Up
CREATE TABLE geo_provinces (
    code       text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name       text NOT NULL,
    name_en    text NOT NULL,
    full_name  text NOT NULL,
    full_name_en text NOT NULL
);

CREATE TABLE geo_wards (
    code          text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
    province_code text NOT NULL REFERENCES geo_provinces (code),
    name          text NOT NULL,
    name_en       text NOT NULL,
    full_name     text NOT NULL,
    full_name_en  text NOT NULL
);
CREATE INDEX geo_wards_province_idx ON geo_wards (province_code, code);

-- +goose Down
DROP TABLE geo_wards;
DROP TABLE geo_provinces;
