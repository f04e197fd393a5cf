-- "My to-dos" (GET /api/todos) without per-case work beyond one page (issue #14, finding 8).
--
-- The list counts every case waiting for the user (per inbox) and orders them by the due day of
-- each one's next running clock. These indexes let it do that from index entries: the cases of the
-- statuses that await a step, with what the case policy and the order read (the status index, now
-- carrying those columns); the next running clock of a case as the first entry of its range;
-- whose turn it is to sign. The title, the lead unit and the clock's name are read for the page's
-- rows only.
DROP INDEX cases_status;
CREATE INDEX cases_status ON cases (status) INCLUDE (region_path, accused_path, received_at, id);

CREATE INDEX case_clocks_running_next ON case_clocks (case_id, due_on, clock, step) WHERE state = 'running';

CREATE INDEX case_signoffs_unsigned ON case_signoffs (case_id, round DESC, step) INCLUDE (role)
  WHERE decision IS NULL;
