-- Reserved for issue 13 (backup settings and history).
-- Empty until that issue's work lands; numbers are fixed so that parallel work does not collide.
SELECT 1;
