-- The case list's keyword box sorted by headcount (人数) at 1,000,000 cases (issue #18): the
-- headcount in the side table `case_search`, next to the date and the words. The list's headcount
-- order is then served from the side table alone: the sample sees the headcount of its matches
-- (and judges whether a walk of the headcount index would find the page, docs/SEARCH.md), and the
-- word index's way sorts every match without joining the wide `cases` row for its headcount.
--
-- Kept in the same transaction as the case writes, as the other copied columns: the trigger on
-- `cases` copies it at registration and when a headcount is corrected afterwards. A restore's
-- loaded row keeps the headcount the trigger derived from the restored case (case_search_keep_loaded
-- does not touch it).
--
-- The column is filled in one rewrite of the table (ALTER COLUMN … TYPE … USING, reading each
-- case's headcount by key), so the table is not left with a dead copy of every row, and its indexes
-- are rebuilt once. The same SQL on PostgreSQL 15 and PGlite.

CREATE FUNCTION xf_case_headcount(case_id uuid) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT headcount FROM cases WHERE id = case_id
$$;

ALTER TABLE case_search ADD COLUMN headcount integer NOT NULL DEFAULT 1;
ALTER TABLE case_search ALTER COLUMN headcount TYPE integer USING coalesce(xf_case_headcount(id), 1);
ALTER TABLE case_search ALTER COLUMN headcount DROP DEFAULT;
DROP FUNCTION xf_case_headcount(uuid);

CREATE OR REPLACE FUNCTION case_search_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_search (id, received_at, region_path, accused_path, tsv, headcount)
    VALUES (NEW.id, NEW.received_at, NEW.region_path, NEW.accused_path, NEW.search_tsv, NEW.headcount);
    INSERT INTO case_search_bigrams (id, grams) VALUES (NEW.id, xf_bigrams(NEW.title || E'\n' || NEW.content));
  ELSIF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    -- Rewritten petition text (anonymisation): replies and notes leave the index with it.
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path, tsv = NEW.search_tsv, headcount = NEW.headcount
     WHERE id = NEW.id;
    UPDATE case_search_bigrams SET grams = xf_bigrams(NEW.title || E'\n' || NEW.content) WHERE id = NEW.id;
  ELSE
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path, headcount = NEW.headcount
     WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

-- A headcount corrected after registration fires it too (a status change still costs nothing).
DROP TRIGGER case_search_update ON cases;
CREATE TRIGGER case_search_update
  AFTER UPDATE OF search_text, received_at, region_path, accused_path, headcount ON cases
  FOR EACH ROW
  WHEN (NEW.search_text IS DISTINCT FROM OLD.search_text
        OR NEW.received_at IS DISTINCT FROM OLD.received_at
        OR NEW.region_path IS DISTINCT FROM OLD.region_path
        OR NEW.accused_path IS DISTINCT FROM OLD.accused_path
        OR NEW.headcount IS DISTINCT FROM OLD.headcount)
  EXECUTE FUNCTION case_search_from_cases();
