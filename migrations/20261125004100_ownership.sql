-- Leader case ownership (包案): one case or a group of linked cases, one owning leader, one
-- responsible unit, one written plan, the five duties as a checklist, milestones and progress notes.

CREATE TABLE ownerships (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The primary case's region path (jurisdiction follows the matter) and the responsible unit's path.
  area_path           text NOT NULL,
  responsible_unit_id uuid NOT NULL REFERENCES org_units (id),
  responsible_path    text NOT NULL,
  leader_user_id      uuid REFERENCES users (id),
  leader_name         text NOT NULL CHECK (length(leader_name) BETWEEN 1 AND 50),
  leader_title        text NOT NULL CHECK (length(leader_title) BETWEEN 1 AND 50),
  plan                text NOT NULL CHECK (length(plan) BETWEEN 1 AND 20000),
  target_date         date NOT NULL,
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'withdrawn')),
  resolution          text CHECK (length(resolution) <= 5000),
  resolved_at         timestamptz,
  created_by          uuid REFERENCES users (id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  CHECK ((status = 'open') = (resolved_at IS NULL)),
  CHECK (status <> 'resolved' OR resolution IS NOT NULL)
);
CREATE INDEX ownerships_area ON ownerships (area_path text_pattern_ops);
CREATE INDEX ownerships_responsible ON ownerships (responsible_path text_pattern_ops);

CREATE TABLE ownership_cases (
  ownership_id uuid NOT NULL REFERENCES ownerships (id),
  case_id      uuid NOT NULL REFERENCES cases (id),
  is_primary   boolean NOT NULL,
  -- Copied from the ownership's status so "one open ownership per case" is an index.
  is_open      boolean NOT NULL,
  PRIMARY KEY (ownership_id, case_id)
);
CREATE UNIQUE INDEX ownership_cases_one_open ON ownership_cases (case_id) WHERE is_open;
CREATE UNIQUE INDEX ownership_cases_one_primary ON ownership_cases (ownership_id) WHERE is_primary;

-- 包调查、包处理、包督办、包结案、包稳定: each with who carries it and by when.
CREATE TABLE ownership_duties (
  ownership_id uuid NOT NULL REFERENCES ownerships (id),
  duty         text NOT NULL CHECK (duty IN ('investigate', 'handle', 'supervise', 'conclude', 'stabilise')),
  owner_name   text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 50),
  due_on       date NOT NULL,
  done_at      timestamptz,
  done_note    text CHECK (length(done_note) <= 2000),
  PRIMARY KEY (ownership_id, duty)
);

CREATE TABLE ownership_milestones (
  ownership_id uuid NOT NULL REFERENCES ownerships (id),
  position     integer NOT NULL CHECK (position BETWEEN 0 AND 99),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_on       date NOT NULL,
  done_at      timestamptz,
  done_note    text CHECK (length(done_note) <= 2000),
  PRIMARY KEY (ownership_id, position)
);

CREATE TABLE ownership_notes (
  ownership_id uuid NOT NULL REFERENCES ownerships (id),
  seq          integer NOT NULL CHECK (seq >= 1),
  at           timestamptz NOT NULL,
  author_id    uuid REFERENCES users (id),
  author_label text NOT NULL,
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  PRIMARY KEY (ownership_id, seq)
);
