-- Schema 1.12: the lists of the window read their first page from small indexes (issue
-- 12: a page's first visit on a large service's decade). Each list's ids are read in
-- its default order from the live rows; these partial indexes hold every column that
-- read needs (deleted_at included, so that SQLite reads the index alone), a few bytes a
-- row instead of whole rows with their JSON, so that a cold read touches a few hundred
-- pages of the file instead of thousands.

-- « Jeunes », by code (and the count of live young people); the codes and nicknames
-- that search-as-you-type folds, read a slice at a time while the window is idle.
CREATE INDEX IF NOT EXISTS young_person_live_code
    ON young_person(code, id, nickname, deleted_at) WHERE deleted_at IS NULL;
-- « Accompagnements », ongoing first then the latest closed (with the columns its joins
-- name: SQLite reads the index alone only if it holds them).
CREATE INDEX IF NOT EXISTS individual_support_live_order
    ON individual_support(end_date, start_date, young_person_id, referent_id, id, deleted_at)
    WHERE deleted_at IS NULL;
-- « Actions collectives », by title.
CREATE INDEX IF NOT EXISTS collective_action_live_title
    ON collective_action(title, id, deleted_at) WHERE deleted_at IS NULL;
-- Sessions and hours of the actions on screen, summed from the index alone.
CREATE INDEX IF NOT EXISTS collective_action_session_live_totals
    ON collective_action_session(action_id, hours, staff_ids, deleted_at)
    WHERE deleted_at IS NULL;
