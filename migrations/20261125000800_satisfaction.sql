-- The petitioner's rating of the answer (满意度评价), of the bureau and of the handling unit.
ALTER TABLE cases
  ADD COLUMN bureau_rating text CHECK (bureau_rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  ADD COLUMN unit_rating text CHECK (unit_rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  ADD COLUMN rating_comment text CHECK (length(rating_comment) <= 2000),
  ADD COLUMN rated_at timestamptz,
  ADD CONSTRAINT cases_rating_complete CHECK ((bureau_rating IS NULL) = (rated_at IS NULL));
