-- Bulk loads of cases, petitioners or clocks cost quadratic time (issue #16: 100,000 petitioners in
-- one INSERT ran over ten minutes; 10,000 cases 108 s, 20,000 cases 478 s).
--
-- Why: the statement triggers that keep case_stats current query their transition tables with
-- statements that have no parameters. PL/pgSQL plans such a statement once per connection and
-- keeps that plan (plan_cache_mode does not apply without parameters), so it is planned for the
-- sizes of its first call. INSERT … ON CONFLICT DO UPDATE (refresh_case_stats) fires the AFTER
-- UPDATE statement trigger even when it updated nothing: case_stats_delta_upd first ran with two
-- empty transition tables and kept a nested loop join of old_rows × new_rows, which at 3,000 rows
-- took 8 s and at 100,000 rows hours. Likewise the "already written" probes of cases,
-- petitioners and clocks kept plans made while the tables were empty (a scan of the whole table,
-- or of a materialised join, per changed row).
--
-- Fix: those queries run through EXECUTE, which plans each call for the rows it has (a hash join
-- for a large statement, index probes for a registration's one row); a call with no changed row
-- returns before planning anything. refresh_case_stats keeps its generic plan: it reads each case
-- by primary key from unnest(ids), one index probe per case, which is linear whatever the size.
-- What the functions compute is unchanged: case_stats still equals case_stats_source.

CREATE OR REPLACE FUNCTION case_stats_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE 'SELECT ARRAY(SELECT DISTINCT ch.id FROM changed ch
                           WHERE NOT EXISTS (SELECT 1 FROM case_stats s WHERE s.id = ch.id))' INTO ids;
  ELSE
    EXECUTE 'SELECT ARRAY(SELECT DISTINCT id FROM changed)' INTO ids;
  END IF;
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION case_stats_from_parts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  EXECUTE 'SELECT ARRAY(SELECT DISTINCT case_id FROM changed)' INTO ids;
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION case_stats_from_new_petitioners() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  EXECUTE 'SELECT ARRAY(
    SELECT DISTINCT ch.case_id FROM changed ch
     WHERE NOT EXISTS (SELECT 1 FROM case_petitioners x JOIN cases c ON c.id = x.case_id
                        WHERE x.case_id = ch.case_id AND x.position = ch.position
                          AND c.xmin = x.xmin AND c.cmin = x.cmin))' INTO ids;
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION case_stats_from_new_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  EXECUTE 'SELECT ARRAY(
    SELECT DISTINCT ch.case_id FROM changed ch
     WHERE NOT EXISTS (SELECT 1 FROM case_clocks x JOIN cases c ON c.id = x.case_id
                        WHERE x.case_id = ch.case_id AND x.clock = ch.clock AND x.step = ch.step
                          AND c.xmin = x.xmin AND c.cmin = x.cmin))' INTO ids;
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION case_stats_delta_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Fired by every INSERT … ON CONFLICT DO UPDATE, also when it updated nothing.
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  PERFORM set_config('xinfang.case_stats_rollup', 'on', true);
  -- A rebuild that changed nothing (the usual case for most triggers) leaves no difference.
  EXECUTE 'INSERT INTO case_stats_delta
    SELECT -1, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.*) IS DISTINCT FROM (n.*)
    UNION ALL
    SELECT 1, n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (o.*) IS DISTINCT FROM (n.*)';
  PERFORM set_config('xinfang.case_stats_rollup', 'off', true);
  RETURN NULL;
END $$;
