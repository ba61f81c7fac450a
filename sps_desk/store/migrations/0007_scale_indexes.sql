-- Reserved for issue 12 (indexes on every date and foreign key the statistics filter on).
-- Empty until that issue's work lands; numbers are fixed so that parallel work does not collide.
SELECT 1;
