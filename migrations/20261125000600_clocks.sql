-- The clocks of a case (statutory, assigned, internal): each step's due date is stored when the
-- clock starts, so lists, the deadline scanner and statistics read a column.
CREATE TABLE case_clocks (
  case_id    uuid NOT NULL REFERENCES cases (id),
  clock      text NOT NULL CHECK (clock IN ('statutory', 'assigned', 'internal')),
  step       text NOT NULL CHECK (step ~ '^[a-z][a-zA-Z]*$'),
  started_on date NOT NULL,
  due_on     date NOT NULL CHECK (due_on >= started_on),
  stopped_at timestamptz,
  state      text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'met', 'breached')),
  pack       text NOT NULL,
  PRIMARY KEY (case_id, clock, step),
  CHECK ((state = 'running') = (stopped_at IS NULL))
);
CREATE INDEX case_clocks_running_due ON case_clocks (due_on) WHERE state = 'running';

-- Holidays and make-up working days the calendar package does not know (2027 on), edited by admins.
CREATE TABLE calendar_overrides (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text CHECK (length(name) <= 50)
);

ALTER TABLE cases ADD COLUMN severity text NOT NULL DEFAULT 'general' CHECK (severity IN ('urgent', 'general', 'major'));
