-- Schema 1.10 (issue 14): erasure register, device revocation, keyed audit chain.

-- Keys part: no table. The audit chain becomes keyed (HMAC-SHA256 under a secret kept in
-- meta 'audit_key') at the first opening by this version, in Python, since SQL cannot
-- compute an HMAC: store/audit.py ensure_keyed checks the old SHA-256 chain, re-chains
-- every entry and records the outcome, in one transaction. A user removed while the
-- database key has not been rotated since is noted in meta 'key_rotation_due'
-- (store/users.py).
SELECT 1;

-- Erasure and laptops you control (issue 14, erasure part) -----------------------------

-- Free texts an erasure or a purge redacted: which record and field, and the write that
-- redacted it (its clock key and count). No value. A version from a laptop that had not
-- seen that write still holds the text from before: the service's base keeps the
-- redacted one (an older or concurrent edit never brings a name back).
CREATE TABLE erasure_redaction (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    writer TEXT NOT NULL,
    count INTEGER NOT NULL,
    redacted_at TEXT NOT NULL,
    PRIMARY KEY (record_id, field, writer)
) WITHOUT ROWID;

-- Laptops the chief revoked (id and date only), on the service's base and, carried by
-- the chief's bundles, on every laptop: their bundles are refused, and a revoked laptop
-- stops sending.
CREATE TABLE revoked_device (
    device_id TEXT PRIMARY KEY,
    revoked_at TEXT NOT NULL
) WITHOUT ROWID;

-- When the last bundle of each laptop was merged (the list of laptops shows it).
ALTER TABLE peer_device ADD COLUMN last_merged_at TEXT;
