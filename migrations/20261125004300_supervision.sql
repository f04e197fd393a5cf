-- Supervision (督查督办): reminders (催办), supervision orders (督办单) with a reply deadline and a
-- written reply, flagged supervision (挂牌督办), and bulletins (通报) built from overdue and
-- satisfaction figures and issued as documents. Each item is about one case and one addressee unit.

CREATE SEQUENCE supervision_order_seq;

CREATE TABLE supervision_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind             text NOT NULL CHECK (kind IN ('reminder', 'order', 'flag')),
  case_id          uuid NOT NULL REFERENCES cases (id),
  -- The case's region path (jurisdiction follows the matter) and the addressee unit's path.
  area_path        text NOT NULL,
  unit_id          uuid NOT NULL REFERENCES org_units (id),
  unit_path        text NOT NULL,
  order_number     text UNIQUE,
  text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  leader_name      text CHECK (length(leader_name) <= 50),
  reply_due_on     date,
  status           text NOT NULL CHECK (status IN ('sent', 'issued', 'replied', 'closed', 'active', 'lifted')),
  reply_text       text CHECK (length(reply_text) <= 20000),
  replied_at       timestamptz,
  replied_by       uuid REFERENCES users (id),
  closed_at        timestamptz,
  close_note       text CHECK (length(close_note) <= 2000),
  created_by       uuid REFERENCES users (id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK (kind <> 'reminder' OR status = 'sent'),
  CHECK (kind <> 'order' OR (status IN ('issued', 'replied', 'closed') AND reply_due_on IS NOT NULL AND order_number IS NOT NULL)),
  CHECK (kind <> 'flag' OR status IN ('active', 'lifted')),
  CHECK ((reply_text IS NULL) = (replied_at IS NULL))
);
CREATE INDEX supervision_items_case ON supervision_items (case_id);
CREATE INDEX supervision_items_area ON supervision_items (area_path text_pattern_ops);
CREATE INDEX supervision_items_unit ON supervision_items (unit_path text_pattern_ops);
-- A case carries at most one active flag.
CREATE UNIQUE INDEX supervision_items_one_flag ON supervision_items (case_id) WHERE kind = 'flag' AND status = 'active';

CREATE SEQUENCE bulletin_seq;

CREATE TABLE bulletins (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_unit_id  uuid NOT NULL REFERENCES org_units (id),
  area_path     text NOT NULL,
  bulletin_number text UNIQUE,
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  -- Per unit: assigned, overdue, rated, dissatisfied, satisfaction rate, and praise/criticism.
  entries       jsonb NOT NULL,
  remarks       text CHECK (length(remarks) <= 5000),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  issued_at     timestamptz,
  issued_by     uuid REFERENCES users (id),
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  CHECK (period_to >= period_from),
  CHECK ((status = 'issued') = (issued_at IS NOT NULL AND bulletin_number IS NOT NULL))
);

-- The overdue or poorly rated cases a bulletin cites.
CREATE TABLE bulletin_cases (
  bulletin_id uuid NOT NULL REFERENCES bulletins (id),
  case_id     uuid NOT NULL REFERENCES cases (id),
  reason      text NOT NULL CHECK (reason IN ('overdue', 'dissatisfied')),
  PRIMARY KEY (bulletin_id, case_id, reason)
);
