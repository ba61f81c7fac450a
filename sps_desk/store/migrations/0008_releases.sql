-- Schema 1.8: the release history of what left the service (issue 11).
-- One row per diffusion release (the statistics file by `export`, the diffusion report by
-- `report`, and the N-1 column a report published for a year not released before): the
-- year, the kind, when, the release number of that year and the checksum of the published
-- file, the file as published (masked cells are null), the same file with every value
-- (the raw counts the attacker model needs to protect a later release jointly) and the list
-- of masked cells. Aggregates only: no record id, name or date of a young person. Never
-- sent to another laptop.
CREATE TABLE diffusion_release (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind TEXT NOT NULL CHECK (kind IN ('export', 'report')),
    released_at TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    published TEXT NOT NULL CHECK (json_valid(published)),
    full_values TEXT NOT NULL CHECK (json_valid(full_values)),
    masked TEXT NOT NULL CHECK (json_valid(masked))
);

CREATE INDEX diffusion_release_by_year ON diffusion_release(year, id);
