-- Warnings across cases (分析研判): what the scan found, its evidence cases, the office's
-- acknowledgement and follow-up notes, the editable calendar of sensitive periods and the daily
-- digest for leaders. Warnings are about matters; their evidence is cases; no table here lists people.

CREATE TABLE warnings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind            text NOT NULL CHECK (kind IN ('spike', 'collective_forming', 'threat', 'level_skipping', 'sensitive_period')),
  subject_key     text NOT NULL CHECK (length(subject_key) BETWEEN 1 AND 300),
  subject_label   text NOT NULL CHECK (length(subject_label) <= 300),
  window_start    date NOT NULL,
  window_end      date NOT NULL,
  figures         jsonb NOT NULL DEFAULT '{}'::jsonb,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  raised_at       timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  acknowledged_by uuid REFERENCES users (id),
  acknowledged_at timestamptz,
  closed_by       uuid REFERENCES users (id),
  closed_at       timestamptz,
  close_reason    text CHECK (length(close_reason) <= 2000),
  -- The dedupe key: one warning per kind, subject and window.
  UNIQUE (kind, subject_key, window_start),
  CHECK (window_end >= window_start),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (status = 'open' OR acknowledged_at IS NOT NULL OR closed_at IS NOT NULL)
);
CREATE INDEX warnings_status_raised ON warnings (status, raised_at DESC);

CREATE TABLE warning_cases (
  warning_id uuid NOT NULL REFERENCES warnings (id),
  case_id    uuid NOT NULL REFERENCES cases (id),
  PRIMARY KEY (warning_id, case_id)
);
CREATE INDEX warning_cases_case ON warning_cases (case_id);

CREATE TABLE warning_follow_ups (
  warning_id uuid NOT NULL REFERENCES warnings (id),
  seq        integer NOT NULL CHECK (seq >= 1),
  note       text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  actor_id   uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (warning_id, seq)
);

-- 敏感节点: periods the bureau marks (meetings, anniversaries, holidays); edited by the office.
CREATE TABLE sensitive_periods (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  starts_on  date NOT NULL,
  ends_on    date NOT NULL,
  note       text CHECK (length(note) <= 500),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  CHECK (ends_on >= starts_on),
  CHECK (ends_on - starts_on <= 366)
);

-- One digest a day: which warnings were new and open and which deadline alerts stood. The counts
-- are made when a user reads it, through the case policy, so nobody counts a case they may not read.
CREATE TABLE warning_digests (
  digest_date  date PRIMARY KEY,
  generated_at timestamptz NOT NULL,
  content      jsonb NOT NULL
);

INSERT INTO settings (key, value) VALUES
  ('warning.spike_history_weeks', '8'),
  ('warning.spike_min_count', '5'),
  ('warning.spike_p_value', '0.01'),
  ('warning.spike_min_baseline', '0.5'),
  ('warning.collective_window_days', '5'),
  ('warning.collective_min_persons', '3'),
  ('warning.threat_lookback_days', '7'),
  ('warning.threat_words', '["扬言", "自焚", "跳楼", "上访到北京", "进京上访", "去北京上访", "同归于尽", "极端", "拉横幅", "堵路"]'),
  ('warning.level_skip_min_cases', '2'),
  ('warning.level_skip_window_days', '90'),
  ('warning.period_min_cases', '3'),
  ('warning.period_lead_days', '3')
ON CONFLICT (key) DO NOTHING;
