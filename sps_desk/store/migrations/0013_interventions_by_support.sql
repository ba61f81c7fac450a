-- Schema 1.13: the interventions of each support side by side (issue 12: the chief's
-- bundle for one laptop of a large service). A laptop receives every intervention of
-- the supports its educator works on (29 000 of 240 000 on a large service's decade);
-- read from the table, they lay scattered over nearly all its pages, each decrypted
-- for a row or two. This index holds every column of an intervention in support
-- order, so that they are read from a few contiguous pages (a tenth), whole. It also
-- serves every look-up by support (the foreign key's checks included), which the index
-- of 0001 on support_id alone did.
CREATE INDEX IF NOT EXISTS intervention_by_support ON intervention(
    support_id, id, created_at, updated_at, device_id, deleted_at, date, type,
    duration_hours, staff_ids, partner_id);
DROP INDEX IF EXISTS intervention_support;
