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
-- Fix: those queries run through EXECUTE, which plans each call for the rows it has; a call with
-- no changed row returns before planning anything. The "already written" probes are correlated
-- scalar subqueries, one primary-key probe per changed row: written as NOT EXISTS they were
-- planned as hash anti joins that read the whole of cases and case_petitioners for every
-- statement (0.16 s per 1,000 rows at 3,000 cases, 0.7 s at 9,000: quadratic again over a bulk
-- load in batches; now 6 ms at any size). refresh_case_stats keeps its generic plan: it reads each case
-- by primary key from unnest(ids) (see below for bulk calls).
-- What the functions compute is unchanged: case_stats still equals case_stats_source.

CREATE OR REPLACE FUNCTION case_stats_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE 'SELECT ARRAY(SELECT DISTINCT ch.id FROM changed ch
                           WHERE (SELECT true FROM case_stats s WHERE s.id = ch.id) IS NULL)' INTO ids;
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
     WHERE (SELECT true FROM case_petitioners x JOIN cases c ON c.id = x.case_id
             WHERE x.case_id = ch.case_id AND x.position = ch.position
               AND c.xmin = x.xmin AND c.cmin = x.cmin) IS NULL)' INTO ids;
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION case_stats_from_new_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  EXECUTE 'SELECT ARRAY(
    SELECT DISTINCT ch.case_id FROM changed ch
     WHERE (SELECT true FROM case_clocks x JOIN cases c ON c.id = x.case_id
             WHERE x.case_id = ch.case_id AND x.clock = ch.clock AND x.step = ch.step
               AND c.xmin = x.xmin AND c.cmin = x.cmin) IS NULL)' INTO ids;
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

-- refresh_case_stats keeps its generic plan (made once per connection, for a registration's few
-- ids) for small calls; a bulk call (over 100 ids) is planned for its own size and the tables'
-- present sizes: a generic plan made while the tables were empty read a whole table per id.
CREATE OR REPLACE FUNCTION refresh_case_stats(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM set_config('xinfang.refreshing_case_stats', 'on', true);
  IF cardinality(ids) > 100 THEN
    EXECUTE 'INSERT INTO case_stats
  SELECT c.id, c.received_at, c.region_path, c.region_unit_id, c.accused_path, c.channel, c.status, c.nature,
         c.legal_class, c.category_id, cat.top_id, c.destination_level,
         c.headcount, c.batch_count, c.is_collective, c.is_first_petition,
         p.household_key, a.unit_id,
         ka.state, ka.due_on, kh.state, kh.due_on, ke.state, ke.due_on,
         c.bureau_rating, c.unit_rating, c.replied_at
    FROM unnest($1) AS i(id)
    JOIN cases c ON c.id = i.id
    LEFT JOIN LATERAL (SELECT COALESCE(x.parent_id, x.id) AS top_id FROM categories x
                        WHERE x.id = c.category_id) cat ON true
    LEFT JOIN LATERAL (SELECT CASE WHEN length(x.household_region_code) >= 9 THEN left(x.household_region_code, 9)
                                   ELSE x.household_region_code END AS household_key
                         FROM case_petitioners x WHERE x.case_id = c.id AND x.position = 0) p ON true
    LEFT JOIN LATERAL (SELECT x.unit_id FROM case_assignments x
                        WHERE x.case_id = c.id AND x.role = ''lead'' AND x.status <> ''returned'') a ON true
    LEFT JOIN LATERAL (SELECT x.state, x.due_on FROM case_clocks x
                        WHERE x.case_id = c.id AND x.clock = ''statutory'' AND x.step = ''acceptanceNotice'') ka ON true
    LEFT JOIN LATERAL (SELECT x.state, x.due_on FROM case_clocks x
                        WHERE x.case_id = c.id AND x.clock = ''statutory'' AND x.step = ''handling'') kh ON true
    LEFT JOIN LATERAL (SELECT x.state, x.due_on FROM case_clocks x
                        WHERE x.case_id = c.id AND x.clock = ''statutory'' AND x.step = ''evaluationWindow'') ke ON true
  ON CONFLICT (id) DO UPDATE SET
    received_at = EXCLUDED.received_at, region_path = EXCLUDED.region_path,
    region_unit_id = EXCLUDED.region_unit_id, accused_path = EXCLUDED.accused_path, channel = EXCLUDED.channel,
    status = EXCLUDED.status, nature = EXCLUDED.nature, legal_class = EXCLUDED.legal_class,
    category_id = EXCLUDED.category_id, category_top_id = EXCLUDED.category_top_id,
    destination_level = EXCLUDED.destination_level, headcount = EXCLUDED.headcount,
    batch_count = EXCLUDED.batch_count, is_collective = EXCLUDED.is_collective,
    is_first_petition = EXCLUDED.is_first_petition, household_key = EXCLUDED.household_key,
    lead_unit_id = EXCLUDED.lead_unit_id, acceptance_state = EXCLUDED.acceptance_state,
    acceptance_due = EXCLUDED.acceptance_due, handling_state = EXCLUDED.handling_state,
    handling_due = EXCLUDED.handling_due, evaluation_state = EXCLUDED.evaluation_state,
    evaluation_due = EXCLUDED.evaluation_due, bureau_rating = EXCLUDED.bureau_rating,
    unit_rating = EXCLUDED.unit_rating, replied_at = EXCLUDED.replied_at' USING ids;
  ELSE
  INSERT INTO case_stats
  SELECT c.id, c.received_at, c.region_path, c.region_unit_id, c.accused_path, c.channel, c.status, c.nature,
         c.legal_class, c.category_id, cat.top_id, c.destination_level,
         c.headcount, c.batch_count, c.is_collective, c.is_first_petition,
         p.household_key, a.unit_id,
         ka.state, ka.due_on, kh.state, kh.due_on, ke.state, ke.due_on,
         c.bureau_rating, c.unit_rating, c.replied_at
    FROM unnest(ids) AS i(id)
    JOIN cases c ON c.id = i.id
    LEFT JOIN LATERAL (SELECT COALESCE(x.parent_id, x.id) AS top_id FROM categories x
                        WHERE x.id = c.category_id) cat ON true
    LEFT JOIN LATERAL (SELECT CASE WHEN length(x.household_region_code) >= 9 THEN left(x.household_region_code, 9)
                                   ELSE x.household_region_code END AS household_key
                         FROM case_petitioners x WHERE x.case_id = c.id AND x.position = 0) p ON true
    LEFT JOIN LATERAL (SELECT x.unit_id FROM case_assignments x
                        WHERE x.case_id = c.id AND x.role = 'lead' AND x.status <> 'returned') a ON true
    LEFT JOIN LATERAL (SELECT x.state, x.due_on FROM case_clocks x
                        WHERE x.case_id = c.id AND x.clock = 'statutory' AND x.step = 'acceptanceNotice') ka ON true
    LEFT JOIN LATERAL (SELECT x.state, x.due_on FROM case_clocks x
                        WHERE x.case_id = c.id AND x.clock = 'statutory' AND x.step = 'handling') kh ON true
    LEFT JOIN LATERAL (SELECT x.state, x.due_on FROM case_clocks x
                        WHERE x.case_id = c.id AND x.clock = 'statutory' AND x.step = 'evaluationWindow') ke ON true
  ON CONFLICT (id) DO UPDATE SET
    received_at = EXCLUDED.received_at, region_path = EXCLUDED.region_path,
    region_unit_id = EXCLUDED.region_unit_id, accused_path = EXCLUDED.accused_path, channel = EXCLUDED.channel,
    status = EXCLUDED.status, nature = EXCLUDED.nature, legal_class = EXCLUDED.legal_class,
    category_id = EXCLUDED.category_id, category_top_id = EXCLUDED.category_top_id,
    destination_level = EXCLUDED.destination_level, headcount = EXCLUDED.headcount,
    batch_count = EXCLUDED.batch_count, is_collective = EXCLUDED.is_collective,
    is_first_petition = EXCLUDED.is_first_petition, household_key = EXCLUDED.household_key,
    lead_unit_id = EXCLUDED.lead_unit_id, acceptance_state = EXCLUDED.acceptance_state,
    acceptance_due = EXCLUDED.acceptance_due, handling_state = EXCLUDED.handling_state,
    handling_due = EXCLUDED.handling_due, evaluation_state = EXCLUDED.evaluation_state,
    evaluation_due = EXCLUDED.evaluation_due, bureau_rating = EXCLUDED.bureau_rating,
    unit_rating = EXCLUDED.unit_rating, replied_at = EXCLUDED.replied_at;
  END IF;
  PERFORM set_config('xinfang.refreshing_case_stats', 'off', true);
END $$;
