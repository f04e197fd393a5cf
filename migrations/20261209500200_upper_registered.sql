-- 赴省/进京/到市 visits: whether the upper level's petition office registered the visit (the
-- bureau's report says "赴省67批198人次（其中登记48批69人次）"). NULL: not known, or not a visit to
-- an upper level.
ALTER TABLE cases
  ADD COLUMN upper_registered boolean,
  ADD CONSTRAINT cases_upper_registered_level
    CHECK (upper_registered IS NULL OR destination_level IN ('municipal', 'provincial', 'national'));
