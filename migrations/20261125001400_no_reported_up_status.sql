-- Reporting a major or urgent matter up (重大紧急事项报告) no longer parks the case in a status of
-- its own, from which nothing led on: the case keeps its status and an event records the report.
UPDATE cases SET status = 'registered' WHERE status = 'reported_up';
ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN (
  'pending_screening', 'registered', 'accepted', 'declined', 'forwarded', 'refused_again',
  'drafting', 'awaiting_signoff', 'signed_off', 'assigned', 'handling', 'result_reported', 'vetted',
  'replied', 'evaluated', 'review_requested', 'under_review', 'reviewed', 'reexam_requested',
  'under_reexam', 'terminated', 'merged', 'closed', 'archived', 'rejected_incomplete'));
