-- Duty (值班): the roster (who, when, the duty phone), 24-hour rosters for sensitive periods, and
-- the log of each shift (calls, visits, incidents, hand-over notes). The log records what happened,
-- linked to a case where there is one; it keeps no lists of people.

CREATE TABLE duty_shifts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_unit_id    uuid NOT NULL REFERENCES org_units (id),
  area_path       text NOT NULL,
  officer_user_id uuid NOT NULL REFERENCES users (id),
  officer_name    text NOT NULL CHECK (length(officer_name) BETWEEN 1 AND 50),
  -- The duty line people call during the shift (an office number, not a private one).
  duty_phone      text NOT NULL CHECK (duty_phone ~ '^[0-9+() -]{3,30}$'),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  -- Set for a 24-hour roster in a sensitive period (e.g. 全国两会).
  period_name     text CHECK (length(period_name) <= 100),
  status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL,
  CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '48 hours')
);
CREATE INDEX duty_shifts_time ON duty_shifts (starts_at, ends_at) WHERE status = 'scheduled';
CREATE INDEX duty_shifts_area ON duty_shifts (area_path text_pattern_ops);
CREATE INDEX duty_shifts_officer ON duty_shifts (officer_user_id, starts_at);

CREATE TABLE duty_log_entries (
  shift_id     uuid NOT NULL REFERENCES duty_shifts (id),
  seq          integer NOT NULL CHECK (seq >= 1),
  at           timestamptz NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('call', 'visit', 'incident', 'handover', 'other')),
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  case_id      uuid REFERENCES cases (id),
  author_id    uuid REFERENCES users (id),
  author_label text NOT NULL,
  PRIMARY KEY (shift_id, seq)
);
