-- Historical ledgers (信访台账) brought in by `xinfang import ledger` / 批量导入 (issue #16 §3).
--
-- An imported case is a closed historical case: it keeps the ledger's own number, the ledger's
-- dates and outcome, runs no clock, raises no to-do and sends no notice. `import_key` makes the
-- same file imported twice add nothing: the ledger number when the ledger has one, else a hash
-- of the row's normalised content (server/imports/ledger-rows.ts).
ALTER TABLE cases
  ADD COLUMN is_imported boolean NOT NULL DEFAULT false,
  ADD COLUMN ledger_number text CHECK (length(ledger_number) BETWEEN 1 AND 60),
  ADD COLUMN import_key text CHECK (length(import_key) BETWEEN 1 AND 100),
  ADD CONSTRAINT cases_import_key_imported CHECK (import_key IS NULL OR is_imported);
CREATE UNIQUE INDEX cases_import_key ON cases (import_key) WHERE import_key IS NOT NULL;

-- An ID number the ledger holds that fails GB 11643 is kept (encrypted, like every ID number),
-- flagged here, and counted in the import's report: never silently dropped.
ALTER TABLE case_petitioners ADD COLUMN id_number_unverified boolean NOT NULL DEFAULT false;

-- The confirmed header mapping of a ledger layout, keyed by its set of headers, offered for the
-- next file with the same headers.
CREATE TABLE ledger_mappings (
  header_key  text PRIMARY KEY CHECK (header_key ~ '^[0-9a-f]{64}$'),
  headers     jsonb NOT NULL,
  mapping     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Category and unit names of ledgers that match nothing in the system, and what the user chose
-- for them (a category / unit, or NULL: 其他 / unassigned), remembered for the next file.
CREATE TABLE ledger_value_mappings (
  kind        text NOT NULL CHECK (kind IN ('category', 'unit')),
  value       text NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
  target_id   uuid,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, value)
);
