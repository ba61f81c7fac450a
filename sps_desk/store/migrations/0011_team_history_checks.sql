-- Schema 1.11 (issue 15): dated FTE periods of the staff, and the lines of « À vérifier »
-- the chief marked as checked.

-- periods: JSON list of {"start": ISO date or null, "end": ISO date or null, "fte": x},
-- sorted by start, never sharing a day (sps_desk.fte). The report of a past year counts
-- the staff of that year, each weighted by their days in it.
ALTER TABLE staff_member ADD COLUMN periods TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(periods));

-- Today's values become one period of unknown start (the base does not say when anyone
-- arrived, and before this version every report counted them in every year): open for
-- an active member, as before; for a member no longer active, ended on the last day
-- they have hours (else the day they were last edited, most likely made inactive), so
-- that the years they worked count them and no hour of theirs falls outside a period.
UPDATE staff_member SET periods = json_array(json_object(
    'start', NULL,
    'end', CASE WHEN active THEN NULL ELSE coalesce(
        (SELECT max(te.date) FROM time_entry te
          WHERE te.staff_id = staff_member.id AND te.deleted_at IS NULL),
        substr(updated_at, 1, 10)) END,
    'fte', fte));

-- A checked line: a record kind like the others (UUID, clocks, tombstones), merged
-- between laptops. The id is uuid5 of rule and subject (records.CheckMark), so two
-- laptops marking the same line write one record; un-marking leaves a tombstone.
CREATE TABLE check_mark (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL, deleted_at TEXT,
    rule TEXT NOT NULL,
    subject TEXT NOT NULL
);
