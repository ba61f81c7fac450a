-- Schema 1.7: indexes for a large service's history (issue 12: 20 staff, 10 years).
-- Every date and foreign key the annual statistics filter on is indexed, so that one
-- year's statistics read that year's rows only, however long the history
-- (sps_desk/store/aggregates.py). Counts by a column with a fixed list of values are
-- read in the order of an index on (column, date, ...): nothing to sort, and the index
-- holds every column the count needs.

-- With the support and the tombstone: a year's earliest intervention or referral per
-- support is read from the index alone.
CREATE INDEX IF NOT EXISTS intervention_date ON intervention(date, support_id, deleted_at);
CREATE INDEX IF NOT EXISTS referral_date ON referral(date, support_id, deleted_at);
CREATE INDEX IF NOT EXISTS referral_support ON referral(support_id);
CREATE INDEX IF NOT EXISTS concern_report_date ON concern_report(date);
CREATE INDEX IF NOT EXISTS concern_report_young ON concern_report(young_person_id);
CREATE INDEX IF NOT EXISTS collective_action_session_date ON collective_action_session(date);
-- Supports active in a year: open ones, and those ending on or after its 1 January.
CREATE INDEX IF NOT EXISTS individual_support_end ON individual_support(end_date, start_date);
-- A staff member's week in Temps; what an educator took part in (the entries derived
-- from the sessions and interventions they were at) for their laptop's bundle.
CREATE INDEX IF NOT EXISTS time_entry_staff
    ON time_entry(staff_id, date, source_kind, source_id, id);
CREATE INDEX IF NOT EXISTS individual_support_referent ON individual_support(referent_id);
-- Deleted sessions and interventions have no derived entries left: their tombstones,
-- which a laptop must still receive, are found through these.
CREATE INDEX IF NOT EXISTS field_session_deleted ON field_session(deleted_at)
    WHERE deleted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS intervention_deleted ON intervention(deleted_at)
    WHERE deleted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS collective_action_session_deleted
    ON collective_action_session(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE INDEX IF NOT EXISTS time_entry_category
    ON time_entry(category, date, deleted_at, hours);
CREATE INDEX IF NOT EXISTS field_session_kind
    ON field_session(session_kind, date, deleted_at, adults_met, partners_met);
CREATE INDEX IF NOT EXISTS referral_partner_type ON referral(partner_type, date, deleted_at);
CREATE INDEX IF NOT EXISTS concern_report_addressee
    ON concern_report(addressee, date, deleted_at);
