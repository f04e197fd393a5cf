-- Search at 1,000,000 cases (issue #18, second part): the side table narrow again, the area of a
-- township's staff inside the word index, and a confidential case found without reading `cases`.
--
-- 1. The petition's character bigrams move to a table of their own, `case_search_bigrams`
--    (key + tsvector, its own GIN index). `case_search` goes back to ≈ 0.9 GB: the rows a count or
--    a newest-first walk visits are half as many pages. Bigrams are searched only when the words
--    find few cases (server/search/search-cases.ts).
-- 2. `case_search.areas`: every path prefix of the case's region below the county root
--    (c.t2, c.t2.v3, …) as lexemes, generated from `region_path`, in one GIN index with the words.
--    A township's search ANDs its area in the index (`tsv @@ words AND areas @@ 'c.t2'`) instead of
--    visiting the whole county's matches and dropping two thirds of them. The visibility condition
--    (server/policies/case-policy.ts) stays the rule; the area term only narrows what it checks.
-- 3. `cases_confidential`: a partial index of the (few) confidential cases. The local staff's
--    visibility condition excludes them with NOT EXISTS; without an index PostgreSQL answered that
--    anti-join by reading every case (≈ 600 ms at 1,000,000 cases).
--
-- The same SQL on PostgreSQL 15 and PGlite. At 1,000,000 cases the rewrite of case_search and
-- the two GIN indexes take a few minutes (docs/SEARCH.md).

CREATE INDEX cases_confidential ON cases (id) WHERE is_confidential;

CREATE TABLE case_search_bigrams (
  id    uuid PRIMARY KEY REFERENCES cases (id),
  grams tsvector NOT NULL
);
ALTER TABLE case_search_bigrams ALTER COLUMN grams SET STORAGE MAIN;
ALTER TABLE case_search_bigrams SET (parallel_workers = 0);
-- In the order cases arrive, as the side table.
INSERT INTO case_search_bigrams (id, grams) SELECT id, grams FROM case_search ORDER BY received_at, id;
CREATE INDEX case_search_bigrams_grams ON case_search_bigrams USING gin (grams);

-- Every prefix of a region path below its root: 'c.t2.v3' → 'c.t2' 'c.t2.v3'.
CREATE FUNCTION xf_area_terms(path text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(
           SELECT array_to_string(x.p[1:i], '.')
             FROM (SELECT string_to_array(path, '.') AS p) x,
                  generate_series(2, coalesce(array_length(x.p, 1), 0)) i))
$$;

-- One rewrite of the table: the dropped bigrams leave it, the areas are computed.
DROP INDEX case_search_grams;
DROP INDEX case_search_tsv;
ALTER TABLE case_search
  DROP COLUMN grams,
  ADD COLUMN areas tsvector GENERATED ALWAYS AS (xf_area_terms(region_path)) STORED;
CREATE INDEX case_search_words ON case_search USING gin (tsv, areas);

-- Registration and corrections: words (and areas, generated) in case_search, bigrams apart.
CREATE OR REPLACE FUNCTION case_search_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_search (id, received_at, region_path, accused_path, tsv)
    VALUES (NEW.id, NEW.received_at, NEW.region_path, NEW.accused_path, NEW.search_tsv);
    INSERT INTO case_search_bigrams (id, grams) VALUES (NEW.id, xf_bigrams(NEW.title || E'\n' || NEW.content));
  ELSIF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    -- Rewritten petition text (anonymisation): replies and notes leave the index with it.
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path, tsv = NEW.search_tsv
     WHERE id = NEW.id;
    UPDATE case_search_bigrams SET grams = xf_bigrams(NEW.title || E'\n' || NEW.content) WHERE id = NEW.id;
  ELSE
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path
     WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

-- A restore loads the side tables after the trigger derived their rows from the restored cases:
-- the loaded row replaces the derived one (only direct inserts, depth 0, fire these).
CREATE OR REPLACE FUNCTION case_search_keep_loaded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
         accused_path = NEW.accused_path, tsv = NEW.tsv
   WHERE id = NEW.id;
  IF FOUND THEN RETURN NULL; END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION case_search_bigrams_keep_loaded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_search_bigrams SET grams = NEW.grams WHERE id = NEW.id;
  IF FOUND THEN RETURN NULL; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_search_bigrams_keep_loaded BEFORE INSERT ON case_search_bigrams
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION case_search_bigrams_keep_loaded();
