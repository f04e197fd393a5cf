-- Foundation: the county network, users and sessions, the case and what it owns, the audit log.
-- Every case-owned table keys on case_id first, so it can be co-located with cases under Citus.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE org_units (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id   uuid REFERENCES org_units (id),
  kind        text NOT NULL CHECK (kind IN ('county', 'township', 'village', 'group', 'bureau', 'department')),
  -- A dotted path of short codes from the root ("c", "c.t1", "c.t1.v2"): subtree checks are a prefix match.
  path        text NOT NULL UNIQUE CHECK (path ~ '^[a-z0-9_]+(\.[a-z0-9_]+)*$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'county') = (parent_id IS NULL))
);
CREATE INDEX org_units_path_prefix ON org_units (path text_pattern_ops);
CREATE INDEX org_units_region_code ON org_units (region_code);

CREATE TABLE users (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  unit_id             uuid NOT NULL REFERENCES org_units (id),
  roles               text[] NOT NULL CHECK (
    cardinality(roles) >= 1
    AND roles <@ ARRAY['registrar', 'bureau_office', 'bureau_leader', 'leader_in_charge', 'principal_leader',
                       'unit_staff', 'unit_leader', 'local_staff', 'analyst',
                       'system_admin', 'security_admin', 'audit_admin']::text[]
    -- Separation of the three administrators: an administrator holds exactly one role.
    AND (NOT roles && ARRAY['system_admin', 'security_admin', 'audit_admin']::text[] OR cardinality(roles) = 1)
  ),
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  failed_logins       integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until        timestamptz,
  is_active           boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE settings (
  key        text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id  uuid REFERENCES categories (id),
  code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_.]{2,40}$'),
  name_zh    text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
  name_en    text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
  sort       integer NOT NULL DEFAULT 0,
  is_active  boolean NOT NULL DEFAULT true
);

CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number        text NOT NULL UNIQUE,
  query_code_hash    text NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('letter', 'visit', 'online', 'phone', 'referral')),
  status             text NOT NULL CHECK (status IN (
    'pending_screening', 'registered', 'accepted', 'declined', 'forwarded', 'refused_again', 'reported_up',
    'drafting', 'awaiting_signoff', 'assigned', 'handling', 'result_reported', 'replied', 'evaluated',
    'review_requested', 'under_review', 'reviewed', 'reexam_requested', 'under_reexam', 'terminated',
    'merged', 'closed', 'archived', 'rejected_incomplete')),
  nature             text CHECK (nature IN ('request', 'suggestion', 'appeal', 'accusation', 'inquiry')),
  legal_class        text CHECK (legal_class IN ('suggestion', 'accusation', 'appeal_request')),
  category_id        uuid REFERENCES categories (id),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  content            text NOT NULL CHECK (length(content) BETWEEN 1 AND 20000),
  problem_region_code text NOT NULL,
  region_unit_id     uuid NOT NULL REFERENCES org_units (id),
  -- Copies of org_units.path, so jurisdiction filters are an indexed prefix match on cases alone.
  region_path        text NOT NULL,
  destination_level  text CHECK (destination_level IN ('national', 'provincial', 'municipal', 'county')),
  headcount          integer NOT NULL DEFAULT 1 CHECK (headcount BETWEEN 1 AND 100000),
  batch_count        integer NOT NULL DEFAULT 1 CHECK (batch_count BETWEEN 1 AND 10000),
  is_collective      boolean NOT NULL,
  is_first_petition  boolean NOT NULL,
  is_anonymous       boolean NOT NULL DEFAULT false,
  is_confidential    boolean NOT NULL DEFAULT false,
  -- The unit an accusation is about: it and its subtree never see this case.
  accused_unit_id    uuid REFERENCES org_units (id),
  accused_path       text,
  referral_source    text CHECK (length(referral_source) <= 100),
  referral_number    text CHECK (length(referral_number) <= 60),
  received_at        timestamptz NOT NULL,
  registered_at      timestamptz NOT NULL DEFAULT now(),
  registered_by      uuid REFERENCES users (id),
  owner_unit_id      uuid NOT NULL REFERENCES org_units (id),
  search_text        text NOT NULL DEFAULT '',
  search_tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (channel <> 'referral' OR referral_source IS NOT NULL),
  CHECK (nature IS DISTINCT FROM 'accusation' OR legal_class = 'accusation')
);
CREATE INDEX cases_region_path ON cases (region_path text_pattern_ops);
CREATE INDEX cases_received ON cases (received_at DESC, id);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_category ON cases (category_id);
CREATE INDEX cases_search ON cases USING gin (search_tsv);

CREATE TABLE case_petitioners (
  case_id                uuid NOT NULL REFERENCES cases (id),
  position               integer NOT NULL CHECK (position BETWEEN 0 AND 999),
  name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  -- Sensitive fields: AES-256-GCM token, keyed blind index for exact matching, masked form for display.
  id_number_enc          text,
  id_number_bidx         text,
  id_number_masked       text,
  phone_enc              text,
  phone_bidx             text,
  phone_masked           text,
  address                text CHECK (length(address) <= 200),
  household_region_code  text CHECK (household_region_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  is_representative      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (case_id, position),
  CHECK ((id_number_enc IS NULL) = (id_number_bidx IS NULL)),
  CHECK ((phone_enc IS NULL) = (phone_bidx IS NULL))
);
CREATE INDEX case_petitioners_id_bidx ON case_petitioners (id_number_bidx) WHERE id_number_bidx IS NOT NULL;
CREATE INDEX case_petitioners_phone_bidx ON case_petitioners (phone_bidx) WHERE phone_bidx IS NOT NULL;

CREATE TABLE case_events (
  case_id     uuid NOT NULL REFERENCES cases (id),
  seq         integer NOT NULL CHECK (seq >= 1),
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid REFERENCES users (id),
  actor_label text NOT NULL,
  action      text NOT NULL CHECK (action ~ '^[a-z_]+$'),
  from_status text,
  to_status   text,
  note        text CHECK (length(note) <= 5000),
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE case_assignments (
  case_id      uuid NOT NULL REFERENCES cases (id),
  unit_id      uuid NOT NULL REFERENCES org_units (id),
  role         text NOT NULL CHECK (role IN ('lead', 'assist')),
  status       text NOT NULL CHECK (status IN ('pending', 'received', 'returned', 'handling', 'reported', 'accepted', 'redo')),
  assigned_at  timestamptz NOT NULL DEFAULT now(),
  due_at       timestamptz,
  PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_assignments_unit ON case_assignments (unit_id);
CREATE UNIQUE INDEX case_assignments_one_lead ON case_assignments (case_id) WHERE role = 'lead';

CREATE TABLE case_attachments (
  case_id      uuid NOT NULL REFERENCES cases (id),
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type   text NOT NULL,
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  uploaded_by  uuid REFERENCES users (id),
  PRIMARY KEY (case_id, id)
);

-- A retried public submission finds its first answer here instead of creating a second case.
CREATE TABLE idempotency_keys (
  key          text PRIMARY KEY CHECK (length(key) BETWEEN 8 AND 100),
  request_hash text NOT NULL,
  case_id      uuid NOT NULL REFERENCES cases (id),
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Append-only audit log. Rows are inserted freely; a single sealer later gives each a chain
-- position and a hash over the previous one, so writers never queue on one lock.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid,
  actor_role  text,
  ip          text,
  action      text NOT NULL,
  object_type text,
  object_id   text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  chain_pos   bigint UNIQUE,
  prev_hash   text,
  hash        text,
  CHECK ((chain_pos IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))
);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE chain_pos IS NULL;
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip AND NEW.object_type IS NOT DISTINCT FROM OLD.object_type
     AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id AND NEW.detail = OLD.detail THEN
    RETURN NEW; -- sealing an unsealed row is the one change allowed
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
