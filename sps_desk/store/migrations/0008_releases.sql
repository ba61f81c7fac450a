-- Reserved for issue 11 (release history of what left the service).
-- Empty until that issue's work lands; numbers are fixed so that parallel work does not collide.
SELECT 1;
