-- The knowledge base (issue #19 §2): policy answers, model replies and reply templates per
-- category, edited by the bureau office with every version kept, searchable with the same jieba
-- words as cases (in a tsvector of its own: case_search is not touched), and the portal's
-- anonymous count of visits that opened a public answer (常见问题) and then did not submit.
CREATE TABLE knowledge_entries (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id    uuid NOT NULL REFERENCES categories (id),
  -- policy: 政策解答; model_reply: 答复范本; template: a 处理意见书 text saved from a case.
  kind           text NOT NULL CHECK (kind IN ('policy', 'model_reply', 'template')),
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  legal_basis    text CHECK (length(legal_basis) <= 2000),
  valid_from     date,
  valid_until    date,
  owner_unit_id  uuid REFERENCES org_units (id),
  is_public      boolean NOT NULL DEFAULT false,
  is_archived    boolean NOT NULL DEFAULT false,
  version        integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- jieba search tokens of title, body and legal basis, written in Node (server/knowledge).
  search_text    text NOT NULL DEFAULT '',
  search_tsv     tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  created_at     timestamptz NOT NULL,
  created_by     uuid REFERENCES users (id),
  updated_at     timestamptz NOT NULL,
  updated_by     uuid REFERENCES users (id),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until >= valid_from),
  -- A template saved from one petitioner's case is never published as it is.
  CHECK (kind <> 'template' OR NOT is_public)
);
CREATE INDEX knowledge_entries_category ON knowledge_entries (category_id) WHERE NOT is_archived;
CREATE INDEX knowledge_entries_search ON knowledge_entries USING gin (search_tsv);

-- Every version, the first one included: who wrote it, when, and what it said.
CREATE TABLE knowledge_entry_versions (
  entry_id       uuid NOT NULL REFERENCES knowledge_entries (id),
  version        integer NOT NULL CHECK (version >= 1),
  change         text NOT NULL CHECK (change IN ('create', 'update', 'restore')),
  restored_from  integer,
  category_id    uuid NOT NULL REFERENCES categories (id),
  kind           text NOT NULL,
  title          text NOT NULL,
  body           text NOT NULL,
  legal_basis    text,
  valid_from     date,
  valid_until    date,
  owner_unit_id  uuid REFERENCES org_units (id),
  is_public      boolean NOT NULL,
  is_archived    boolean NOT NULL,
  changed_at     timestamptz NOT NULL,
  changed_by     uuid REFERENCES users (id),
  PRIMARY KEY (entry_id, version),
  CHECK ((change = 'restore') = (restored_from IS NOT NULL))
);

-- One row per portal visit that opened at least one public answer. The token is random, made by
-- the portal page in memory for that visit (no cookie, no storage, no address, no case link) and
-- erased after a day; the row then stays as an anonymous count for two years (docs/KNOWLEDGE.md).
CREATE TABLE knowledge_portal_visits (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_token    uuid UNIQUE,
  category_id    uuid REFERENCES categories (id),
  opened_on      date NOT NULL,
  started_at     timestamptz NOT NULL,
  answers_opened integer NOT NULL DEFAULT 1 CHECK (answers_opened >= 1),
  submitted      boolean NOT NULL DEFAULT false
);
CREATE INDEX knowledge_portal_visits_day ON knowledge_portal_visits (opened_on);
CREATE INDEX knowledge_portal_visits_started ON knowledge_portal_visits (started_at) WHERE visit_token IS NOT NULL;
