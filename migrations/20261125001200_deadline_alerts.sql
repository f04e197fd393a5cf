-- Deadline alerts: the scheduled scan marks a running clock that comes within the warning days of
-- its due date (warning) or passes it (breach). One row per clock, kind and due date, so an
-- extension (a new due date) warns again. The responsible unit gets it as a to-do; NULL means the
-- bureau itself.
CREATE TABLE case_alerts (
  case_id    uuid NOT NULL REFERENCES cases (id),
  clock      text NOT NULL CHECK (clock IN ('statutory', 'assigned', 'internal')),
  step       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('warning', 'breach')),
  due_on     date NOT NULL,
  unit_id    uuid REFERENCES org_units (id),
  raised_at  timestamptz NOT NULL,
  -- Set when the clock stops (the step was done): the alert leaves the to-do lists.
  cleared_at timestamptz,
  PRIMARY KEY (case_id, clock, step, kind, due_on)
);
CREATE INDEX case_alerts_open ON case_alerts (unit_id, raised_at) WHERE cleared_at IS NULL;
