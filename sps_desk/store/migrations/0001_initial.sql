-- Schema 1.1: one table per record kind (sps_desk.records), common columns first.
-- Lists and nested values are JSON text; references are foreign keys, which tombstones
-- (deleted_at) keep valid.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE service (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    name TEXT NOT NULL,
    managing_body TEXT NOT NULL DEFAULT '',
    linked_mds TEXT NOT NULL DEFAULT '',
    age_brackets TEXT NOT NULL CHECK (json_valid(age_brackets)),
    counted_in TEXT NOT NULL CHECK (json_valid(counted_in))
);

CREATE TABLE sector (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    commune TEXT NOT NULL,
    neighbourhood TEXT NOT NULL DEFAULT ''
);

CREATE TABLE staff_member (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    fte REAL NOT NULL CHECK (fte > 0 AND fte <= 1),
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE partner (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    name TEXT NOT NULL,
    type TEXT NOT NULL
);

CREATE TABLE young_person (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    code TEXT NOT NULL UNIQUE,
    nickname TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL,
    birth_date TEXT,
    birth_date_precision TEXT NOT NULL,
    sector_id TEXT REFERENCES sector(id),
    situation TEXT NOT NULL,
    in_child_welfare_care INTEGER
);

-- The four identifying fields, apart from everything else (convention art. 9).
CREATE TABLE identity (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    young_person_id TEXT NOT NULL UNIQUE REFERENCES young_person(id),
    last_name TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT ''
);

CREATE TABLE field_session (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    staff_ids TEXT NOT NULL CHECK (json_valid(staff_ids)),
    session_kind TEXT NOT NULL,
    sector_id TEXT REFERENCES sector(id),
    tallies TEXT NOT NULL CHECK (json_valid(tallies)),
    adults_met INTEGER NOT NULL CHECK (adults_met >= 0),
    partners_met INTEGER NOT NULL CHECK (partners_met >= 0),
    young_met_ids TEXT NOT NULL CHECK (json_valid(young_met_ids)),
    observation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX field_session_date ON field_session(date);

CREATE TABLE individual_support (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    young_person_id TEXT NOT NULL REFERENCES young_person(id),
    referent_id TEXT REFERENCES staff_member(id),
    start_date TEXT NOT NULL,
    origin TEXT NOT NULL,
    problems TEXT NOT NULL CHECK (json_valid(problems)),
    end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    end_reason TEXT
);
CREATE INDEX individual_support_young ON individual_support(young_person_id);

CREATE TABLE intervention (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    support_id TEXT NOT NULL REFERENCES individual_support(id),
    date TEXT NOT NULL,
    type TEXT NOT NULL,
    duration_hours REAL NOT NULL CHECK (duration_hours > 0 AND duration_hours <= 24),
    staff_ids TEXT NOT NULL CHECK (json_valid(staff_ids)),
    partner_id TEXT REFERENCES partner(id)
);
CREATE INDEX intervention_support ON intervention(support_id);

CREATE TABLE referral (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    support_id TEXT NOT NULL REFERENCES individual_support(id),
    date TEXT NOT NULL,
    partner_type TEXT NOT NULL,
    partner_id TEXT REFERENCES partner(id)
);

CREATE TABLE concern_report (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    young_person_id TEXT NOT NULL REFERENCES young_person(id),
    date TEXT NOT NULL,
    addressee TEXT NOT NULL
);

CREATE TABLE collective_action (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    participant_ids TEXT NOT NULL CHECK (json_valid(participant_ids)),
    anonymous_participants TEXT NOT NULL CHECK (json_valid(anonymous_participants)),
    -- a count, or 'NR' (non renseigné), which is never 0
    families ANY NOT NULL CHECK (families = 'NR' OR (typeof(families) = 'integer' AND families >= 0)),
    partner_ids TEXT NOT NULL CHECK (json_valid(partner_ids))
);

CREATE TABLE collective_action_session (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    action_id TEXT NOT NULL REFERENCES collective_action(id),
    date TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    staff_ids TEXT NOT NULL CHECK (json_valid(staff_ids))
);
CREATE INDEX collective_action_session_action ON collective_action_session(action_id);

CREATE TABLE time_entry (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    staff_id TEXT NOT NULL REFERENCES staff_member(id),
    date TEXT NOT NULL,
    category TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    source_kind TEXT,
    source_id TEXT
);
CREATE INDEX time_entry_date ON time_entry(date);
CREATE INDEX time_entry_source ON time_entry(source_id);
