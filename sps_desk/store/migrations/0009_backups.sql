-- Issue 13: automatic backups to a second location, and the history of every backup.
--
-- The chosen folder lives in the encrypted base (not in the user's settings): it is the
-- service's data-protection decision, the same for whoever opens the base, changed by the
-- chief only and audited. A folder path means something on one computer only, so the
-- computer it was chosen on is kept as a hash of its name (no name in clear): on another
-- computer the automatic backups wait until the folder is chosen again there.
CREATE TABLE backup_setting (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    folder TEXT NOT NULL,
    machine TEXT NOT NULL,
    chosen_at TEXT NOT NULL
);

-- One row per backup written and verified: when (UTC), its folder's name and where,
-- automatic or asked, on another disk than the base's or not, and its size in bytes.
CREATE TABLE backup_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    name TEXT NOT NULL,
    destination TEXT NOT NULL,
    automatic INTEGER NOT NULL CHECK (automatic IN (0, 1)),
    off_disk INTEGER NOT NULL CHECK (off_disk IN (0, 1)),
    bytes INTEGER NOT NULL
);

-- Backups made before this version were recorded in meta('last_backup').
INSERT INTO backup_log(at, name, destination, automatic, off_disk, bytes)
    SELECT value, '', '', 0, 0, 0 FROM meta WHERE key = 'last_backup';
