-- Schema 1.2: the chief's own sections of the annual report (faits marquants, démarche
-- d'amélioration continue de la qualité, perspectives), one record per civil year.
-- The id is derived from the year, so merged laptops agree on it; the year is unique
-- among live records only, because a tombstone must not block re-entering a year.

CREATE TABLE report_sections (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    highlights TEXT NOT NULL DEFAULT '',
    quality TEXT NOT NULL DEFAULT '',
    outlook TEXT NOT NULL DEFAULT ''
);

CREATE UNIQUE INDEX report_sections_year ON report_sections(year) WHERE deleted_at IS NULL;
