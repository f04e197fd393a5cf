-- Leader reception (领导接访): which leader receives on which working day and where, appointments
-- (预约接访) booked by staff or by citizens, reception records (批次, 人次, petitioners, matters) and
-- outreach (下访 / 带案下访). Every record carries the path of the area it belongs to, for jurisdiction.

CREATE TABLE reception_days (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_unit_id   uuid NOT NULL REFERENCES org_units (id),
  area_path      text NOT NULL,
  reception_date date NOT NULL,
  leader_user_id uuid REFERENCES users (id),
  leader_name    text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 50),
  leader_title   text NOT NULL CHECK (length(leader_title) BETWEEN 1 AND 50),
  place          text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  capacity       integer NOT NULL CHECK (capacity BETWEEN 0 AND 500),
  note           text CHECK (length(note) <= 1000),
  status         text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  created_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
-- One leader receives once a day in one area's schedule.
CREATE UNIQUE INDEX reception_days_one_per_leader ON reception_days (area_unit_id, reception_date, leader_name)
  WHERE status = 'scheduled';
CREATE INDEX reception_days_date ON reception_days (reception_date);
CREATE INDEX reception_days_area ON reception_days (area_path text_pattern_ops);

CREATE SEQUENCE reception_appointment_seq;

CREATE TABLE reception_appointments (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day_id             uuid NOT NULL REFERENCES reception_days (id),
  appointment_number text NOT NULL UNIQUE,
  query_code_hash    text NOT NULL,
  source             text NOT NULL CHECK (source IN ('staff', 'public')),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number_enc      text,
  id_number_bidx     text,
  id_number_masked   text,
  phone_enc          text NOT NULL,
  phone_bidx         text NOT NULL,
  phone_masked       text NOT NULL,
  matter             text NOT NULL CHECK (length(matter) BETWEEN 1 AND 2000),
  headcount          integer NOT NULL CHECK (headcount BETWEEN 1 AND 1000),
  case_id            uuid REFERENCES cases (id),
  status             text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'received', 'no_show')),
  record_id          uuid,
  created_by         uuid REFERENCES users (id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((id_number_enc IS NULL) = (id_number_bidx IS NULL)),
  CHECK ((status = 'received') = (record_id IS NOT NULL))
);
CREATE INDEX reception_appointments_day ON reception_appointments (day_id);

CREATE TABLE reception_records (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day_id        uuid REFERENCES reception_days (id),
  area_unit_id  uuid NOT NULL REFERENCES org_units (id),
  area_path     text NOT NULL,
  received_on   date NOT NULL,
  leader_name   text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 50),
  leader_title  text NOT NULL CHECK (length(leader_title) BETWEEN 1 AND 50),
  place         text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  batch_count   integer NOT NULL CHECK (batch_count BETWEEN 1 AND 1000),
  person_visits integer NOT NULL CHECK (person_visits BETWEEN 1 AND 100000),
  summary       text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  CHECK (person_visits >= batch_count)
);
CREATE INDEX reception_records_area ON reception_records (area_path text_pattern_ops);
CREATE INDEX reception_records_date ON reception_records (received_on);
ALTER TABLE reception_appointments ADD FOREIGN KEY (record_id) REFERENCES reception_records (id);

-- The people received, stored like case petitioners: ID and phone encrypted, indexed, masked.
CREATE TABLE reception_petitioners (
  record_id        uuid NOT NULL REFERENCES reception_records (id),
  position         integer NOT NULL CHECK (position BETWEEN 0 AND 999),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_number_enc    text,
  id_number_bidx   text,
  id_number_masked text,
  phone_enc        text,
  phone_bidx       text,
  phone_masked     text,
  PRIMARY KEY (record_id, position),
  CHECK ((id_number_enc IS NULL) = (id_number_bidx IS NULL)),
  CHECK ((phone_enc IS NULL) = (phone_bidx IS NULL))
);

-- Each matter raised: opened as a new case, linked to an existing one, or none (a question
-- answered on the spot); resolved on the spot, assigned by the leader to a unit, explained, or pending.
CREATE TABLE reception_matters (
  record_id        uuid NOT NULL REFERENCES reception_records (id),
  position         integer NOT NULL CHECK (position BETWEEN 0 AND 999),
  summary          text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  case_origin      text NOT NULL CHECK (case_origin IN ('new', 'linked', 'none')),
  case_id          uuid REFERENCES cases (id),
  outcome          text NOT NULL CHECK (outcome IN ('resolved_on_spot', 'assigned', 'explained', 'pending')),
  assigned_unit_id uuid REFERENCES org_units (id),
  instruction      text CHECK (length(instruction) <= 2000),
  PRIMARY KEY (record_id, position),
  CHECK ((case_origin = 'none') = (case_id IS NULL)),
  CHECK ((outcome = 'assigned') = (assigned_unit_id IS NOT NULL))
);
CREATE INDEX reception_matters_case ON reception_matters (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE outreach_visits (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_unit_id   uuid NOT NULL REFERENCES org_units (id),
  area_path      text NOT NULL,
  visit_date     date NOT NULL,
  leader_name    text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 50),
  leader_title   text NOT NULL CHECK (length(leader_title) BETWEEN 1 AND 50),
  purpose        text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  batch_count    integer CHECK (batch_count BETWEEN 0 AND 1000),
  person_visits  integer CHECK (person_visits BETWEEN 0 AND 100000),
  result_summary text CHECK (length(result_summary) <= 5000),
  created_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  completed_at   timestamptz,
  CHECK ((status = 'done') = (completed_at IS NOT NULL)),
  CHECK (status <> 'done' OR (batch_count IS NOT NULL AND person_visits IS NOT NULL AND result_summary IS NOT NULL)),
  CHECK (person_visits IS NULL OR person_visits >= batch_count)
);
CREATE INDEX outreach_visits_area ON outreach_visits (area_path text_pattern_ops);

CREATE TABLE outreach_cases (
  visit_id    uuid NOT NULL REFERENCES outreach_visits (id),
  case_id     uuid NOT NULL REFERENCES cases (id),
  result      text CHECK (length(result) <= 2000),
  is_resolved boolean,
  recorded_at timestamptz,
  PRIMARY KEY (visit_id, case_id),
  CHECK ((result IS NULL) = (recorded_at IS NULL) AND (result IS NULL) = (is_resolved IS NULL))
);
CREATE INDEX outreach_cases_case ON outreach_cases (case_id);
