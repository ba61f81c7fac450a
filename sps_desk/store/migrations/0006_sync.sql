-- Schema 1.6: team merge between laptops (issue 7).
-- record_clock: the version vector of every record a user wrote or a bundle brought
-- ({device id: number of writes by that device}), and seq, this base's own change counter
-- (0 for versions that came from another device), which picks what the next bundle holds.
-- Time entries derived from a session or an intervention have no clock: every base derives
-- them again from their source, so they never travel.
CREATE TABLE record_clock (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    clock TEXT NOT NULL CHECK (json_valid(clock)),
    seq INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX record_clock_by_seq ON record_clock(seq) WHERE seq > 0;

-- Concurrent versions of one record, kept until the chief chooses (nothing is overwritten
-- silently). versions: JSON list of {"clock": {...}, "row": {...}}.
CREATE TABLE merge_conflict (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    versions TEXT NOT NULL CHECK (json_valid(versions))
) WITHOUT ROWID;

-- Devices whose bundles this base has merged: their public keys (trusted on first use,
-- and refused if they change), the educator they belong to, the last change merged and
-- the name (token) of the bundle that brought it.
CREATE TABLE peer_device (
    device_id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    sign_key TEXT NOT NULL,
    box_key TEXT NOT NULL,
    staff_member_id TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0,
    last_token TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL
) WITHOUT ROWID;

-- Young people erased (GDPR art. 17) here or on another device, with the ids of their
-- supports, interventions, referrals and concern reports: never merged back.
CREATE TABLE erased_record (
    id TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL
) WITHOUT ROWID;

-- Records written before this version: one write by the device that wrote them (writer
-- "<device id>.0", see store/clocks.py), all to be
-- sent in this base's first bundle.
INSERT INTO record_clock(id, kind, clock, seq)
    SELECT id, 'service', json_object(device_id || '.0', 1), 1 FROM service
    UNION ALL SELECT id, 'sector', json_object(device_id || '.0', 1), 1 FROM sector
    UNION ALL SELECT id, 'staff_member', json_object(device_id || '.0', 1), 1 FROM staff_member
    UNION ALL SELECT id, 'partner', json_object(device_id || '.0', 1), 1 FROM partner
    UNION ALL SELECT id, 'young_person', json_object(device_id || '.0', 1), 1 FROM young_person
    UNION ALL SELECT id, 'identity', json_object(device_id || '.0', 1), 1 FROM identity
    UNION ALL SELECT id, 'field_session', json_object(device_id || '.0', 1), 1 FROM field_session
    UNION ALL SELECT id, 'individual_support', json_object(device_id || '.0', 1), 1
        FROM individual_support
    UNION ALL SELECT id, 'intervention', json_object(device_id || '.0', 1), 1 FROM intervention
    UNION ALL SELECT id, 'referral', json_object(device_id || '.0', 1), 1 FROM referral
    UNION ALL SELECT id, 'concern_report', json_object(device_id || '.0', 1), 1 FROM concern_report
    UNION ALL SELECT id, 'collective_action', json_object(device_id || '.0', 1), 1
        FROM collective_action
    UNION ALL SELECT id, 'collective_action_session', json_object(device_id || '.0', 1), 1
        FROM collective_action_session
    UNION ALL SELECT id, 'time_entry', json_object(device_id || '.0', 1), 1 FROM time_entry
        WHERE source_id IS NULL
    UNION ALL SELECT id, 'report_sections', json_object(device_id || '.0', 1), 1 FROM report_sections;

INSERT INTO erased_record(id, erased_at)
    SELECT id, deleted_at FROM young_person WHERE code LIKE 'effacé-%' AND deleted_at IS NOT NULL;
