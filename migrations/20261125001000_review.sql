-- Review (复查) and reexamination (复核): the petitioner's request, the decision and its reasons.
ALTER TABLE cases
  ADD COLUMN appeal_reason text CHECK (length(appeal_reason) <= 5000),
  ADD COLUMN review_opinion text CHECK (review_opinion IN ('uphold', 'revise')),
  ADD COLUMN review_text text CHECK (length(review_text) <= 20000),
  ADD COLUMN reviewed_at timestamptz,
  ADD COLUMN reexam_request_until date,
  ADD COLUMN reexam_opinion text CHECK (reexam_opinion IN ('uphold', 'revise')),
  ADD COLUMN reexam_text text CHECK (length(reexam_text) <= 20000),
  ADD COLUMN reexamined_at timestamptz;
