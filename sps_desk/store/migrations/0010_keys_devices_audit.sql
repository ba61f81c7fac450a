-- Reserved for issue 14 (erasure register, device revocation, keyed audit chain).
-- Empty until that issue's work lands; numbers are fixed so that parallel work does not collide.
SELECT 1;
