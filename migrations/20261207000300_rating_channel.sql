-- How a rating came in (issue #17 §3): the petitioner on the portal, or staff recording what the
-- petitioner said during a follow-up call (回访), at a visit or by letter, with who recorded it.
ALTER TABLE cases ADD COLUMN rating_channel text
  CHECK (rating_channel IN ('portal', 'phone', 'visit', 'letter'));
ALTER TABLE cases ADD COLUMN rating_recorded_by uuid REFERENCES users (id);
UPDATE cases SET rating_channel = 'portal' WHERE bureau_rating IS NOT NULL;
