-- A narrow side table for full-text search (issue #7). `cases` rows are wide (title, content,
-- replies, search_text and its tsvector pass 2 kB), so their tsvector lives out of line (TOAST)
-- and every match checked on `cases` costs a detoast. This table holds only what a search reads
-- before it knows the page: the key, the date it is ordered by, the two paths the visibility
-- condition needs (the key is called `id` so visibleCasesCondition applies to it unchanged), and
-- the tsvector, kept inline.
--
-- It is kept in the same transaction as the case writes:
--   * a trigger on `cases` (registration, anonymisation, any change of the indexed columns) writes
--     the row; when `search_text` is rewritten the tsvector is rebuilt from it alone;
--   * the workflow steps that write a reply, an opinion, a unit's result or a follow-up note call
--     server/search/index-case.ts, which adds those texts (segmented by jieba in Node) to the
--     tsvector. Only title + content stay in cases.search_text (the repeat check compares petitions).
CREATE TABLE case_search (
  id           uuid PRIMARY KEY REFERENCES cases (id),
  received_at  timestamptz NOT NULL,
  region_path  text NOT NULL,
  accused_path text,
  tsv          tsvector NOT NULL
);
-- Compress in line before moving out of line: the point of the table is to avoid detoasting.
ALTER TABLE case_search ALTER COLUMN tsv SET STORAGE MAIN;
-- A search reads a few thousand rows at most: starting parallel workers costs more than it saves,
-- and on a small server they take the cores the application needs.
ALTER TABLE case_search SET (parallel_workers = 0);

-- Filled before its indexes are built (faster on a large database).
INSERT INTO case_search (id, received_at, region_path, accused_path, tsv)
SELECT id, received_at, region_path, accused_path, search_tsv FROM cases;

-- Newest first (the order of the ranked candidates) and the words. No region_path index on
-- purpose: a township's subtree is a third of the county, and ANDing its bitmap with the words'
-- bitmap was the slow plan for township users.
CREATE INDEX case_search_received ON case_search (received_at DESC, id);
CREATE INDEX case_search_tsv ON case_search USING gin (tsv);

CREATE FUNCTION case_search_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_search (id, received_at, region_path, accused_path, tsv)
    VALUES (NEW.id, NEW.received_at, NEW.region_path, NEW.accused_path, NEW.search_tsv);
  ELSIF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    -- Rewritten petition text (anonymisation): replies and notes leave the index with it.
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path, tsv = NEW.search_tsv
     WHERE id = NEW.id;
  ELSE
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path
     WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_search_insert AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION case_search_from_cases();
-- Only updates of the copied columns fire it: a status change costs nothing here.
CREATE TRIGGER case_search_update AFTER UPDATE OF search_text, received_at, region_path, accused_path ON cases
  FOR EACH ROW
  WHEN (NEW.search_text IS DISTINCT FROM OLD.search_text
        OR NEW.received_at IS DISTINCT FROM OLD.received_at
        OR NEW.region_path IS DISTINCT FROM OLD.region_path
        OR NEW.accused_path IS DISTINCT FROM OLD.accused_path)
  EXECUTE FUNCTION case_search_from_cases();

-- A restore loads case_search rows after the trigger has already derived them from the restored
-- cases (from the petition alone): the loaded row, which also holds replies and notes, replaces
-- the derived one instead of colliding. Only a direct INSERT fires this (depth 0); the cases
-- trigger's own insert (depth 1) does not, so a registration does not pay for it.
CREATE FUNCTION case_search_keep_loaded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
         accused_path = NEW.accused_path, tsv = NEW.tsv
   WHERE id = NEW.id;
  IF FOUND THEN RETURN NULL; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_search_keep_loaded BEFORE INSERT ON case_search
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION case_search_keep_loaded();

-- The GIN index on cases.search_tsv is replaced by the one above: a registration writes one
-- GIN entry set, not two. (The generated column stays for now: backups and older readers use it.)
DROP INDEX cases_search;
