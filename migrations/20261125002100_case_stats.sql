-- One narrow row per case with exactly what statistics count and filter by, kept equal to the
-- source rows (cases, lead assignment, first petitioner, statutory clocks) by statement triggers in
-- the same transaction as every change. Statistics scan this table alone instead of joining five
-- wide ones. Its columns carry the names of `cases` (id, region_path, accused_path, channel …), so
-- the case policy's visibility condition and the case-list filters apply to it unchanged.
-- "Overdue" is not stored: due days are, and the query compares them with today.
CREATE TABLE case_stats (
  id                uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  received_at       timestamptz NOT NULL,
  region_path       text NOT NULL,
  region_unit_id    uuid NOT NULL,
  accused_path      text,
  channel           text NOT NULL,
  status            text NOT NULL,
  nature            text,
  legal_class       text,
  category_id       uuid,
  category_top_id   uuid,
  destination_level text,
  headcount         integer NOT NULL,
  batch_count       integer NOT NULL,
  is_collective     boolean NOT NULL,
  is_first_petition boolean NOT NULL,
  household_key     text,
  lead_unit_id      uuid,
  acceptance_state  text,
  acceptance_due    date,
  handling_state    text,
  handling_due      date,
  evaluation_state  text,
  evaluation_due    date,
  bureau_rating     text,
  unit_rating       text,
  replied_at        timestamptz
);
CREATE INDEX case_stats_received ON case_stats (received_at);
CREATE INDEX case_stats_region ON case_stats (region_path text_pattern_ops, received_at);
CREATE INDEX case_stats_lead_unit ON case_stats (lead_unit_id, received_at) WHERE lead_unit_id IS NOT NULL;

-- The recount from the source rows: what case_stats must always equal (a test checks it).
CREATE VIEW case_stats_source AS
SELECT c.id, c.received_at, c.region_path, c.region_unit_id, c.accused_path, c.channel, c.status, c.nature,
       c.legal_class, c.category_id, COALESCE(cat.parent_id, cat.id) AS category_top_id, c.destination_level,
       c.headcount, c.batch_count, c.is_collective, c.is_first_petition,
       (SELECT CASE WHEN length(p.household_region_code) >= 9 THEN left(p.household_region_code, 9)
                    ELSE p.household_region_code END
          FROM case_petitioners p WHERE p.case_id = c.id AND p.position = 0) AS household_key,
       (SELECT a.unit_id FROM case_assignments a
         WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'returned') AS lead_unit_id,
       ka.state AS acceptance_state, ka.due_on AS acceptance_due,
       kh.state AS handling_state, kh.due_on AS handling_due,
       ke.state AS evaluation_state, ke.due_on AS evaluation_due,
       c.bureau_rating, c.unit_rating, c.replied_at
  FROM cases c
  LEFT JOIN categories cat ON cat.id = c.category_id
  LEFT JOIN case_clocks ka ON ka.case_id = c.id AND ka.clock = 'statutory' AND ka.step = 'acceptanceNotice'
  LEFT JOIN case_clocks kh ON kh.case_id = c.id AND kh.clock = 'statutory' AND kh.step = 'handling'
  LEFT JOIN case_clocks ke ON ke.case_id = c.id AND ke.clock = 'statutory' AND ke.step = 'evaluationWindow';

CREATE FUNCTION refresh_case_stats(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('xinfang.refreshing_case_stats', 'on', true);
  -- = ANY keeps this an index lookup on cases.id (the view's joins follow by primary keys).
  INSERT INTO case_stats SELECT s.* FROM case_stats_source s WHERE s.id = ANY(ids)
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

CREATE FUNCTION case_stats_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT id FROM changed);
BEGIN
  -- A statement that changed no row (a refused registration) costs nothing more.
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION case_stats_from_parts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT case_id FROM changed);
BEGIN
  IF cardinality(ids) > 0 THEN PERFORM refresh_case_stats(ids); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_stats_cases_ins AFTER INSERT ON cases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_cases();
CREATE TRIGGER case_stats_cases_upd AFTER UPDATE ON cases REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_cases();
CREATE TRIGGER case_stats_assign_ins AFTER INSERT ON case_assignments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_assign_upd AFTER UPDATE ON case_assignments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_assign_del AFTER DELETE ON case_assignments REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_pet_ins AFTER INSERT ON case_petitioners REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_pet_upd AFTER UPDATE ON case_petitioners REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_pet_del AFTER DELETE ON case_petitioners REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_clock_ins AFTER INSERT ON case_clocks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_clock_upd AFTER UPDATE ON case_clocks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();
CREATE TRIGGER case_stats_clock_del AFTER DELETE ON case_clocks REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_from_parts();

-- A restore loads case_stats rows after the triggers have already derived them from the restored
-- sources: the derived row is the same, so the loaded copy is skipped instead of colliding.
CREATE FUNCTION case_stats_keep_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('xinfang.refreshing_case_stats', true) IS DISTINCT FROM 'on'
     AND EXISTS (SELECT 1 FROM case_stats WHERE id = NEW.id) THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_stats_keep_derived BEFORE INSERT ON case_stats
  FOR EACH ROW EXECUTE FUNCTION case_stats_keep_derived();

INSERT INTO case_stats SELECT * FROM case_stats_source;
