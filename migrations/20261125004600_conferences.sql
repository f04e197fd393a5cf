-- Joint conferences (联席会议): a meeting of the units concerned, convened for an area (county,
-- township, village), with its attendees (units and officials, as text), an agenda of cases,
-- decisions (what, which unit, by when), and each decision followed up with progress notes until done.

CREATE TABLE conferences (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The area the meeting is convened for (jurisdiction) and its unit.
  area_unit_id  uuid NOT NULL REFERENCES org_units (id),
  area_path     text NOT NULL,
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  meeting_on    date NOT NULL,
  place         text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  chair_name    text NOT NULL CHECK (length(chair_name) BETWEEN 1 AND 100),
  status        text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  summary       text CHECK (length(summary) <= 20000),
  held_at       timestamptz,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK ((status = 'held') = (held_at IS NOT NULL AND summary IS NOT NULL))
);
CREATE INDEX conferences_area ON conferences (area_path text_pattern_ops);

-- Attendees are officials of the units concerned: a unit (optional) and a name/title as text.
CREATE TABLE conference_attendees (
  conference_id uuid NOT NULL REFERENCES conferences (id),
  position      integer NOT NULL CHECK (position BETWEEN 0 AND 199),
  unit_id       uuid REFERENCES org_units (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  PRIMARY KEY (conference_id, position)
);

-- The agenda: each item a topic, optionally about a case. Every case linked to the meeting (agenda
-- or decision) is also in conference_cases, which decides who may not see the meeting (accusations).
CREATE TABLE conference_agenda (
  conference_id uuid NOT NULL REFERENCES conferences (id),
  position      integer NOT NULL CHECK (position BETWEEN 0 AND 99),
  topic         text NOT NULL CHECK (length(topic) BETWEEN 1 AND 500),
  case_id       uuid REFERENCES cases (id),
  PRIMARY KEY (conference_id, position)
);

CREATE TABLE conference_cases (
  conference_id uuid NOT NULL REFERENCES conferences (id),
  case_id       uuid NOT NULL REFERENCES cases (id),
  PRIMARY KEY (conference_id, case_id)
);
CREATE INDEX conference_cases_case ON conference_cases (case_id);

CREATE TABLE conference_decisions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conference_id uuid NOT NULL REFERENCES conferences (id),
  position      integer NOT NULL CHECK (position BETWEEN 0 AND 99),
  text          text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  unit_id       uuid NOT NULL REFERENCES org_units (id),
  unit_path     text NOT NULL,
  due_on        date NOT NULL,
  case_id       uuid REFERENCES cases (id),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at       timestamptz,
  CHECK ((status = 'done') = (done_at IS NOT NULL)),
  UNIQUE (conference_id, position)
);
CREATE INDEX conference_decisions_unit ON conference_decisions (unit_path text_pattern_ops);

CREATE TABLE conference_decision_notes (
  decision_id  uuid NOT NULL REFERENCES conference_decisions (id),
  seq          integer NOT NULL CHECK (seq >= 1),
  at           timestamptz NOT NULL,
  author_id    uuid REFERENCES users (id),
  author_label text NOT NULL,
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  is_done      boolean NOT NULL,
  PRIMARY KEY (decision_id, seq)
);
