-- Schema 1.5: the service's statistical-secrecy threshold k for the Département file
-- (counts of people from 1 to k-1 are hidden); default 5, never below 3.

ALTER TABLE service ADD COLUMN disclosure_threshold INTEGER NOT NULL DEFAULT 5
    CHECK (disclosure_threshold BETWEEN 3 AND 100);
