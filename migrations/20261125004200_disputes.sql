-- Dispute screening (矛盾纠纷排查化解): monthly screening reports by townships and villages, special
-- campaigns before sensitive dates, each dispute with its parties, type, place, risk, mediation and
-- status, quarterly hand-over of unresolved ones to units (季交办), year-end clearance (年终销号)
-- with a sign-off, and the case a dispute turned into.

CREATE TABLE dispute_campaigns (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_unit_id uuid NOT NULL REFERENCES org_units (id),
  area_path    text NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  occasion     text CHECK (length(occasion) <= 200),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  CHECK (ends_on >= starts_on)
);

CREATE TABLE screening_reports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_unit_id uuid NOT NULL REFERENCES org_units (id),
  area_path    text NOT NULL,
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  campaign_id  uuid REFERENCES dispute_campaigns (id),
  note         text CHECK (length(note) <= 2000),
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL
);
-- One monthly report per unit and month; one report per unit in each campaign.
CREATE UNIQUE INDEX screening_reports_monthly ON screening_reports (area_unit_id, period) WHERE campaign_id IS NULL;
CREATE UNIQUE INDEX screening_reports_campaign ON screening_reports (area_unit_id, campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE disputes (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id      uuid NOT NULL REFERENCES screening_reports (id),
  area_path      text NOT NULL,
  screened_year  integer NOT NULL CHECK (screened_year BETWEEN 2000 AND 2100),
  kind           text NOT NULL CHECK (kind IN ('neighbour', 'wages', 'land', 'village_election', 'family',
                   'contract', 'compensation', 'environment', 'other')),
  parties        text NOT NULL CHECK (length(parties) BETWEEN 1 AND 1000),
  place          text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  summary        text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  risk_level     text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  measure        text NOT NULL CHECK (measure IN ('people_mediation', 'judicial_mediation', 'administrative_mediation', 'other')),
  measures_text  text CHECK (length(measures_text) <= 2000),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handed_over', 'resolved')),
  handed_unit_id uuid REFERENCES org_units (id),
  handed_path    text,
  handed_quarter text CHECK (handed_quarter ~ '^[0-9]{4}Q[1-4]$'),
  handed_at      timestamptz,
  resolution     text CHECK (length(resolution) <= 5000),
  resolved_at    timestamptz,
  case_id        uuid REFERENCES cases (id),
  cleared_year   integer,
  created_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
  CHECK (status <> 'resolved' OR resolution IS NOT NULL),
  CHECK ((handed_unit_id IS NULL) = (handed_at IS NULL)),
  CHECK (cleared_year IS NULL OR status = 'resolved')
);
CREATE INDEX disputes_area ON disputes (area_path text_pattern_ops);
CREATE INDEX disputes_handed ON disputes (handed_path text_pattern_ops) WHERE handed_path IS NOT NULL;
CREATE INDEX disputes_report ON disputes (report_id);
CREATE INDEX disputes_case ON disputes (case_id) WHERE case_id IS NOT NULL;

-- 年终销号: a leader signs off an area's year; resolved disputes of that year are crossed off.
CREATE TABLE dispute_clearances (
  area_unit_id uuid NOT NULL REFERENCES org_units (id),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  area_path    text NOT NULL,
  signed_by    uuid NOT NULL REFERENCES users (id),
  signed_label text NOT NULL,
  signed_at    timestamptz NOT NULL,
  note         text CHECK (length(note) <= 2000),
  cleared      integer NOT NULL CHECK (cleared >= 0),
  carried_over integer NOT NULL CHECK (carried_over >= 0),
  PRIMARY KEY (area_unit_id, year)
);
