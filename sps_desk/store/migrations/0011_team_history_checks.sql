-- Reserved for issue 15 (dated FTE periods, checked reminders).
-- Empty until that issue's work lands; numbers are fixed so that parallel work does not collide.
SELECT 1;
