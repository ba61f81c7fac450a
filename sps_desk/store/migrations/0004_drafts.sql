-- Schema 1.4: what an educator was typing, kept in the encrypted base (never in a
-- plaintext temp file) so that a crash or a lock loses nothing; and small per-machine
-- preferences such as the staff member last used (the « current user » of the forms).
-- Neither table is merged between laptops: they describe this machine's session.

CREATE TABLE form_draft (
    form TEXT PRIMARY KEY,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    saved_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE preference (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;
