-- A registration writes its case_stats row itself, in the same statement that writes the case, its
-- petitioners and its clocks (server/commands/register-case.ts): every value is known there. The
-- three INSERT triggers used to rebuild that same row three times at the end of the statement
-- (≈ 0.5 ms of PostgreSQL CPU per registration, a third of the statement's cost). They now skip
-- what the statement already wrote, and rebuild everything else exactly as before:
--
-- * cases: a case inserted by this statement already has a case_stats row only if this statement
--   wrote it (the row references the case, which did not exist before the statement). Cases without
--   one are rebuilt as before (synthetic data, restores, any other INSERT).
-- * case_petitioners, case_clocks: a part inserted by the same statement as the case's current row
--   (same xmin and cmin: same transaction, same command) is covered by the trigger on cases that
--   the same statement fires (INSERT or UPDATE), which runs after every write of the statement.
--   Parts added by any later statement are rebuilt as before.
--
-- The part checks plan each call for what it is (a few rows, primary-key lookups): a plan cached
-- while the tables were one page long scanned the whole case_petitioners table on every
-- registration until autovacuum analysed it.
--
-- A wrong "skip" would leave a stale row; a wrong "rebuild" only costs time. Every test that
-- compares case_stats with case_stats_source (EXCEPT both ways) covers these rules.

CREATE OR REPLACE FUNCTION case_stats_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT ch.id FROM changed ch
                  WHERE NOT EXISTS (SELECT 1 FROM case_stats s WHERE s.id = ch.id));
  ELSE
    ids := ARRAY(SELECT DISTINCT id FROM changed);
  END IF;
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION case_stats_from_new_petitioners() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  ids uuid[] := ARRAY(
    SELECT DISTINCT ch.case_id FROM changed ch
     WHERE NOT EXISTS (SELECT 1 FROM case_petitioners x JOIN cases c ON c.id = x.case_id
                        WHERE x.case_id = ch.case_id AND x.position = ch.position
                          AND c.xmin = x.xmin AND c.cmin = x.cmin));
BEGIN
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION case_stats_from_new_clocks() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  ids uuid[] := ARRAY(
    SELECT DISTINCT ch.case_id FROM changed ch
     WHERE NOT EXISTS (SELECT 1 FROM case_clocks x JOIN cases c ON c.id = x.case_id
                        WHERE x.case_id = ch.case_id AND x.clock = ch.clock AND x.step = ch.step
                          AND c.xmin = x.xmin AND c.cmin = x.cmin));
BEGIN
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

DROP TRIGGER case_stats_pet_ins ON case_petitioners;
CREATE TRIGGER case_stats_pet_ins AFTER INSERT ON case_petitioners REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_new_petitioners();
DROP TRIGGER case_stats_clock_ins ON case_clocks;
CREATE TRIGGER case_stats_clock_ins AFTER INSERT ON case_clocks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_new_clocks();
