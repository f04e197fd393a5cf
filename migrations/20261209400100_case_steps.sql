-- Steps that were notes: reports up of a major or urgent matter (条例 第二十五条) with the
-- instructions received back, hearings (听证) whose time the rule pack may leave out of a clock,
-- and mediation agreements (调解协议书) linked to the case and to the dispute ledger.

-- Days a clock was moved on by pauses (hearings), kept so a recomputation keeps them.
ALTER TABLE case_clocks ADD COLUMN paused_days integer NOT NULL DEFAULT 0 CHECK (paused_days >= 0);

CREATE TABLE case_reports_up (
  case_id           uuid NOT NULL REFERENCES cases (id),
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Same-level party committee, same-level government, the upper petition bureau: one or more.
  recipients        text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 3
                      AND recipients <@ ARRAY['party_committee', 'government', 'upper_bureau']::text[]),
  content           text NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
  reported_at       timestamptz NOT NULL,
  -- The rule pack's clock in hours, from registration: fixed when the report is made.
  due_at            timestamptz NOT NULL,
  on_time           boolean NOT NULL,
  reported_by       uuid REFERENCES users (id),
  reported_by_label text NOT NULL,
  PRIMARY KEY (case_id, id)
);
CREATE INDEX case_reports_up_reported ON case_reports_up (reported_at);

CREATE TABLE case_report_instructions (
  case_id          uuid NOT NULL,
  report_id        uuid NOT NULL,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  instructed_by    text NOT NULL CHECK (length(instructed_by) BETWEEN 1 AND 100),
  instructed_at    timestamptz NOT NULL,
  content          text NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
  recorded_by      uuid REFERENCES users (id),
  recorded_by_label text NOT NULL,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (case_id, id),
  FOREIGN KEY (case_id, report_id) REFERENCES case_reports_up (case_id, id)
);

CREATE TABLE case_hearings (
  case_id       uuid NOT NULL REFERENCES cases (id),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  status        text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
  -- The day it was scheduled: the pause runs from it to the day the hearing was held (both counted).
  scheduled_on  date NOT NULL,
  starts_at     timestamptz NOT NULL,
  place         text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  host          text NOT NULL CHECK (length(host) BETWEEN 1 AND 100),
  -- [{ "role": "petitioner" | "unit" | "third_party", "name": "…" }]
  participants  jsonb NOT NULL CHECK (jsonb_typeof(participants) = 'array'),
  held_on       date,
  record        text CHECK (length(record) <= 20000),
  outcome       text CHECK (length(outcome) <= 5000),
  cancel_reason text CHECK (length(cancel_reason) <= 2000),
  -- The clocks this hearing moved on: [{ "clock", "step", "days", "fromDue", "toDue" }].
  clock_moves   jsonb,
  created_by    uuid REFERENCES users (id),
  created_by_label text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (case_id, id),
  CHECK ((status = 'held') = (held_on IS NOT NULL)),
  CHECK (status <> 'held' OR (record IS NOT NULL AND outcome IS NOT NULL AND held_on >= scheduled_on)),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
);
-- One hearing at a time on a case.
CREATE UNIQUE INDEX case_hearings_one_scheduled ON case_hearings (case_id) WHERE status = 'scheduled';

CREATE TABLE case_mediations (
  case_id       uuid NOT NULL REFERENCES cases (id),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  -- [{ "name": "…", "role": "…" }], at least two parties.
  parties       jsonb NOT NULL CHECK (jsonb_typeof(parties) = 'array' AND jsonb_array_length(parties) >= 2),
  terms         text NOT NULL CHECK (length(terms) BETWEEN 1 AND 20000),
  signed_on     date NOT NULL,
  mediator      text NOT NULL CHECK (length(mediator) BETWEEN 1 AND 100),
  dispute_id    uuid REFERENCES disputes (id),
  created_by    uuid REFERENCES users (id),
  created_by_label text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (case_id, id)
);
CREATE INDEX case_mediations_dispute ON case_mediations (dispute_id) WHERE dispute_id IS NOT NULL;

-- The step record a document was issued of (a report up, a hearing, an agreement).
ALTER TABLE case_documents ADD COLUMN step_ref uuid;
CREATE INDEX case_documents_step_ref ON case_documents (case_id, step_ref) WHERE step_ref IS NOT NULL;

-- A dispute of the ledger points to the agreement that settled it (and so to its case).
ALTER TABLE disputes ADD COLUMN agreement_case_id uuid;
ALTER TABLE disputes ADD COLUMN agreement_id uuid;
ALTER TABLE disputes ADD CONSTRAINT disputes_agreement_fk
  FOREIGN KEY (agreement_case_id, agreement_id) REFERENCES case_mediations (case_id, id);
ALTER TABLE disputes ADD CONSTRAINT disputes_agreement_pair CHECK ((agreement_case_id IS NULL) = (agreement_id IS NULL));
