-- First disposal of a case: why it was declined, and where it was forwarded.
ALTER TABLE cases
  ADD COLUMN decline_reason text CHECK (decline_reason IN ('court_matter', 'congress_matter', 'in_litigation',
    'already_accepted', 'level_skipping', 'terminated', 'litigation_concluded', 'anonymous_unclear')),
  ADD COLUMN forwarded_to text CHECK (length(forwarded_to) BETWEEN 1 AND 100),
  ADD CONSTRAINT cases_declined_has_reason CHECK (status <> 'declined' OR decline_reason IS NOT NULL),
  ADD CONSTRAINT cases_forwarded_has_target CHECK (status <> 'forwarded' OR forwarded_to IS NOT NULL);
