-- Schema 1.3: users of the base (each has a key slot in PATH.keys), the hash-chained
-- audit log, restricted young people, and the retention setting.
-- Roles live here, inside the encrypted file, not in the key header: editing the header
-- must never make an educator a chief.

CREATE TABLE app_user (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 80),
    role TEXT NOT NULL CHECK (role IN ('educator', 'chief')),
    removed_at TEXT
);

-- One line per audited action. No personal data: ids, kinds of action, counts.
-- hash = SHA-256 of the previous hash and this entry's canonical JSON.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT,
    action TEXT NOT NULL,
    record_id TEXT,
    detail TEXT NOT NULL DEFAULT '',
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- GDPR art. 18: a restricted young person is frozen and left out of statistics.
CREATE TABLE restriction (
    young_person_id TEXT PRIMARY KEY REFERENCES young_person(id),
    restricted_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT OR IGNORE INTO meta(key, value) VALUES ('retention_years', '2');

-- Young people anonymised by a retention purge: kept for past statistics, never due again.
CREATE TABLE anonymised (
    young_person_id TEXT PRIMARY KEY REFERENCES young_person(id),
    anonymised_at TEXT NOT NULL
) WITHOUT ROWID;
