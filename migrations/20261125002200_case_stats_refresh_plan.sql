-- Rebuilding a case_stats row cost more to plan (≈ 1.5 ms: the view's joins) than to run, and a
-- registration paid it on every call. The rebuild now reads one case by primary key, with every
-- part fetched by its own key (LATERAL, so the planner cannot pick a scan of a whole table), and
-- keeps one generic plan per connection instead of planning each call. case_stats_source stays
-- the definition the tests compare against.
CREATE OR REPLACE FUNCTION refresh_case_stats(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM set_config('xinfang.refreshing_case_stats', 'on', true);
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
  PERFORM set_config('xinfang.refreshing_case_stats', 'off', true);
END $$;
