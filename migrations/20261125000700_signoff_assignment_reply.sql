-- Draft opinion and sign-off (报批/签批), assignment to handling units (交办), their result report,
-- vetting and the reply to the petitioner (答复).
ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN (
  'pending_screening', 'registered', 'accepted', 'declined', 'forwarded', 'refused_again', 'reported_up',
  'drafting', 'awaiting_signoff', 'signed_off', 'assigned', 'handling', 'result_reported', 'vetted', 'replied',
  'evaluated', 'review_requested', 'under_review', 'reviewed', 'reexam_requested', 'under_reexam', 'terminated',
  'merged', 'closed', 'archived', 'rejected_incomplete'));

ALTER TABLE cases
  ADD COLUMN draft_opinion text CHECK (length(draft_opinion) <= 5000),
  ADD COLUMN reply_opinion text CHECK (reply_opinion IN ('support', 'explain', 'not_support')),
  ADD COLUMN reply_text text CHECK (length(reply_text) <= 20000),
  ADD COLUMN reply_legal_basis text CHECK (length(reply_legal_basis) <= 2000),
  ADD COLUMN replied_at timestamptz,
  ADD COLUMN review_request_until date,
  ADD CONSTRAINT cases_replied_has_reply CHECK (status <> 'replied' OR (reply_opinion IS NOT NULL AND reply_text IS NOT NULL));

-- One row per signature step of one round; a send-back ends the round and the next draft starts another.
CREATE TABLE case_signoffs (
  case_id      uuid NOT NULL REFERENCES cases (id),
  round        integer NOT NULL CHECK (round >= 1),
  step         integer NOT NULL CHECK (step >= 1),
  role         text NOT NULL CHECK (role IN ('bureau_leader', 'leader_in_charge', 'principal_leader')),
  decision     text CHECK (decision IN ('approved', 'sent_back')),
  signer_id    uuid REFERENCES users (id),
  signer_label text,
  -- 批示 are kept verbatim.
  instruction  text CHECK (length(instruction) <= 5000),
  signed_at    timestamptz,
  PRIMARY KEY (case_id, round, step),
  CHECK ((decision IS NULL) = (signed_at IS NULL))
);

ALTER TABLE case_assignments
  ADD COLUMN instructions text CHECK (length(instructions) <= 5000),
  ADD COLUMN received_at timestamptz,
  ADD COLUMN objection text CHECK (length(objection) <= 5000),
  ADD COLUMN result text CHECK (length(result) <= 20000),
  ADD COLUMN proposed_opinion text CHECK (proposed_opinion IN ('support', 'explain', 'not_support')),
  ADD COLUMN reported_at timestamptz;

-- A unit that objected keeps its returned row for the record; the case may then get a new lead.
DROP INDEX case_assignments_one_lead;
CREATE UNIQUE INDEX case_assignments_one_lead ON case_assignments (case_id) WHERE role = 'lead' AND status <> 'returned';
