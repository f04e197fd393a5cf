-- Search finds what a clerk types (issue #18): any 2–4 character substring of a petition's title
-- and content, and case numbers by their last digits.
--
-- Character bigrams of the petition (two Han characters side by side) in a second tsvector of the
-- side table, `grams`, with its own GIN index, next to jieba's words in `tsv`. A query of n Han
-- characters matches the AND of its n−1 bigrams (柳树湾村 → 柳树 & 树湾 & 湾村), whatever jieba
-- made of the text. The same SQL on PostgreSQL and PGlite, no extension (pg_trgm needs three
-- characters and ignores Chinese in a database created with LC_CTYPE 'C'). No positions are kept:
-- the bigrams of a 2–4 character query occurring apart in one petition is rare, and positions
-- would double the column.

-- Pairs at even offsets of each run of Han characters, then at odd offsets (the run shifted by
-- one): every overlapping pair, with a few regular-expression passes instead of a loop per character.
CREATE FUNCTION xf_bigrams(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(
           SELECT l FROM unnest(tsvector_to_array(to_tsvector('simple',
                    regexp_replace(s, '(\S\S)', '\1 ', 'g') || ' ' ||
                    regexp_replace(regexp_replace(s, '(^| )\S', '\1', 'g'), '(\S\S)', '\1 ', 'g')))) l
            WHERE length(l) = 2))
    FROM (SELECT regexp_replace(t, '[^\u3400-\u9fff]+', ' ', 'g') AS s) x
$$;

ALTER TABLE case_search ADD COLUMN grams tsvector NOT NULL DEFAULT ''::tsvector;
ALTER TABLE case_search ALTER COLUMN grams SET STORAGE MAIN;

-- Registration and corrections write the petition's bigrams with its words.
CREATE OR REPLACE FUNCTION case_search_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_search (id, received_at, region_path, accused_path, tsv, grams)
    VALUES (NEW.id, NEW.received_at, NEW.region_path, NEW.accused_path, NEW.search_tsv,
            xf_bigrams(NEW.title || E'\n' || NEW.content));
  ELSIF NEW.search_text IS DISTINCT FROM OLD.search_text THEN
    -- Rewritten petition text (anonymisation): replies and notes leave the index with it.
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path, tsv = NEW.search_tsv,
           grams = xf_bigrams(NEW.title || E'\n' || NEW.content)
     WHERE id = NEW.id;
  ELSE
    UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
           accused_path = NEW.accused_path
     WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

-- A restored row carries its bigrams; an older dump without them gets them from its case.
CREATE OR REPLACE FUNCTION case_search_keep_loaded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.grams = ''::tsvector THEN
    SELECT xf_bigrams(c.title || E'\n' || c.content) INTO NEW.grams FROM cases c WHERE c.id = NEW.id;
    NEW.grams := coalesce(NEW.grams, ''::tsvector);
  END IF;
  UPDATE case_search SET received_at = NEW.received_at, region_path = NEW.region_path,
         accused_path = NEW.accused_path, tsv = NEW.tsv, grams = NEW.grams
   WHERE id = NEW.id;
  IF FOUND THEN RETURN NULL; END IF;
  RETURN NEW;
END $$;

-- Backfill in the migration: every existing case gets its bigrams, then the index is built over
-- the filled column (faster than updating it row by row). Measured on 1,000,000 cases in
-- docs/SEARCH.md.
UPDATE case_search s SET grams = xf_bigrams(c.title || E'\n' || c.content) FROM cases c WHERE c.id = s.id;
CREATE INDEX case_search_grams ON case_search USING gin (grams);

-- A case by the last digits of its number (「1234」 finds …-0001234): a prefix of the reversed number.
CREATE INDEX cases_case_number_reverse ON cases (reverse(case_number) text_pattern_ops);
