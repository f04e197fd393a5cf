-- Notices and documents (告知书、交办单、处理意见书、复查/复核意见书). Templates: the code carries a
-- default for every kind; a row here is the bureau's own edited version of it.
CREATE TABLE document_templates (
  kind       text PRIMARY KEY CHECK (kind ~ '^[a-z_]+$'),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id)
);

-- Each issued document is kept with its case as generated (Word and PDF), never regenerated in
-- place: a corrected notice is a new row.
CREATE TABLE case_documents (
  case_id      uuid NOT NULL REFERENCES cases (id),
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  kind         text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
  title        text NOT NULL,
  docx         bytea NOT NULL,
  pdf          bytea,
  generated_at timestamptz NOT NULL,
  generated_by uuid REFERENCES users (id),
  generated_by_label text NOT NULL,
  PRIMARY KEY (case_id, id)
);
