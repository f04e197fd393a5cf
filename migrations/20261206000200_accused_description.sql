-- Whom an accusation concerns, in the petitioner's or the clerk's words (the citizen's form asks it,
-- optionally): the bureau reads it to record the accused unit (`accused_unit_id`) as a step.
ALTER TABLE cases ADD COLUMN accused_description text CHECK (length(accused_description) BETWEEN 1 AND 200);
