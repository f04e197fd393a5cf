-- Backlog cases (积案): long-unresolved cases marked for clearance, by a rule-based suggestion
-- (open longer than a setting, several repeats, reopened) or by hand, and their clearance.

CREATE TABLE backlog_cases (
  case_id         uuid PRIMARY KEY REFERENCES cases (id),
  area_path       text NOT NULL,
  reasons         text[] NOT NULL CHECK (cardinality(reasons) >= 1
                    AND reasons <@ ARRAY['long_open', 'repeats', 'reopened', 'other']::text[]),
  note            text CHECK (length(note) <= 2000),
  marked_at       timestamptz NOT NULL,
  marked_by       uuid REFERENCES users (id),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cleared')),
  cleared_at      timestamptz,
  cleared_by      uuid REFERENCES users (id),
  clearance_route text CHECK (clearance_route IN ('outreach', 'ownership', 'handling', 'joint_conference', 'other')),
  clearance       text CHECK (length(clearance) <= 5000),
  CHECK ((status = 'cleared') = (cleared_at IS NOT NULL AND clearance_route IS NOT NULL AND clearance IS NOT NULL))
);
CREATE INDEX backlog_cases_area ON backlog_cases (area_path text_pattern_ops);

-- The suggestion rule's thresholds are settings, not code.
INSERT INTO settings (key, value) VALUES ('backlog.open_days', '180'), ('backlog.repeat_count', '3')
  ON CONFLICT (key) DO NOTHING;
