-- Search, repeat detection and triage: the registrar's repeat decisions and the links they make,
-- the routing catalogue (派单目录), the registrar's triage choices that train the next model, and
-- the trained models. Indexes for the repeat check's candidate probes.

CREATE TABLE case_repeat_decisions (
  case_id          uuid NOT NULL REFERENCES cases (id),
  seq              integer NOT NULL CHECK (seq >= 1),
  decision         text NOT NULL CHECK (decision IN ('link', 'repeat_of_terminated', 'keep_new', 'merge')),
  original_case_id uuid REFERENCES cases (id),
  -- What the check showed when the registrar decided (score and reasons), for the record.
  score            real CHECK (score BETWEEN 0 AND 1),
  reasons          jsonb NOT NULL DEFAULT '[]'::jsonb,
  note             text CHECK (length(note) <= 2000),
  decided_by       uuid NOT NULL REFERENCES users (id),
  decided_at       timestamptz NOT NULL,
  PRIMARY KEY (case_id, seq),
  CHECK ((decision = 'keep_new') = (original_case_id IS NULL)),
  CHECK (original_case_id IS DISTINCT FROM case_id)
);
CREATE INDEX case_repeat_decisions_original ON case_repeat_decisions (original_case_id)
  WHERE original_case_id IS NOT NULL;

CREATE TABLE case_links (
  case_id        uuid NOT NULL REFERENCES cases (id),
  linked_case_id uuid NOT NULL REFERENCES cases (id),
  kind           text NOT NULL CHECK (kind IN ('related', 'repeat_of', 'merged_into')),
  created_by     uuid NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (case_id, linked_case_id),
  CHECK (case_id <> linked_case_id)
);
CREATE INDEX case_links_linked ON case_links (linked_case_id);

-- 派单目录: category (+ optional region prefix) → handling unit. The most specific row wins.
CREATE TABLE routing_rules (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id uuid NOT NULL REFERENCES categories (id),
  -- A region code prefix (6, 9 or 12 digits); NULL means the whole jurisdiction.
  region_code text CHECK (region_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  unit_id     uuid NOT NULL REFERENCES org_units (id),
  note        text CHECK (length(note) <= 500),
  updated_by  uuid REFERENCES users (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_rules_key ON routing_rules (category_id, COALESCE(region_code, ''));

-- The registrar's choice after seeing the suggestions: the next training learns from it.
CREATE TABLE triage_choices (
  case_id            uuid PRIMARY KEY REFERENCES cases (id),
  suggested          jsonb NOT NULL,
  chosen_nature      text CHECK (chosen_nature IN ('request', 'suggestion', 'appeal', 'accusation', 'inquiry')),
  chosen_legal_class text CHECK (chosen_legal_class IN ('suggestion', 'accusation', 'appeal_request')),
  chosen_category_id uuid REFERENCES categories (id),
  chosen_unit_id     uuid REFERENCES org_units (id),
  -- Whether the registrar took the first suggestion for nature and category (suggestion quality).
  took_top_nature    boolean NOT NULL,
  took_top_category  boolean NOT NULL,
  chosen_by          uuid NOT NULL REFERENCES users (id),
  chosen_at          timestamptz NOT NULL
);

CREATE TABLE triage_models (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trained_at timestamptz NOT NULL,
  examples   integer NOT NULL CHECK (examples >= 0),
  model      jsonb NOT NULL
);

-- Repeat-check probes: same category and place, newest first; same name and address.
CREATE INDEX cases_category_region_received ON cases (category_id, problem_region_code, received_at DESC);
CREATE INDEX case_petitioners_name_address ON case_petitioners (name, address);
CREATE INDEX cases_region_received ON cases (problem_region_code, received_at DESC);
