-- Extensions of a clock (延期): the days added so far, so the legal maximum holds across requests.
ALTER TABLE case_clocks ADD COLUMN extended_days integer NOT NULL DEFAULT 0 CHECK (extended_days >= 0);
