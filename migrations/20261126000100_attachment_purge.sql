-- Retention removes an anonymised case's attachment files from disk; the row stays (type, size and
-- date count for nothing personal) with the time its content was purged.
ALTER TABLE case_attachments ADD COLUMN purged_at timestamptz;
