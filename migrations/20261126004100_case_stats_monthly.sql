-- A monthly rollup of case_stats for the dashboard (docs/STATISTICS.md, "The monthly rollup").
--
-- case_stats_monthly holds, per Shanghai month of receipt, problem region path and accused path
-- (what the case policy's area rule and accusation rule read), one row per breakdown key: the
-- dimension (`dim`: total, channel, nature, … and the three two-way splits) and its key(s), with
-- items, batches, person-visits and, on the handlingUnit rows, the rate buckets that do not depend
-- on today's date. A year of a county is some tens of thousands of rows instead of a third of
-- every case.
--
-- It is kept exact without touching the rollup on the write path: every change of case_stats
-- appends its difference to case_stats_delta (+1 for the new row, −1 for the old one) in the same
-- transaction, by a statement trigger. A query reads the rollup plus the pending differences in one
-- statement (one snapshot), and folding moves differences into the rollup in one transaction
-- (DELETE … RETURNING, then add), so every snapshot sees each change exactly once.
--
-- Both tables are derived: backups leave them out (server/ops/backup-format.ts), a restore empties
-- them, and the restored cases' case_stats rows append their differences again. Rows loaded into
-- them by anything but the trigger and the fold are dropped.

CREATE TABLE case_stats_delta (
  sign smallint NOT NULL CHECK (sign IN (-1, 1)),
  LIKE case_stats
);

CREATE TABLE case_stats_monthly (
  month             date NOT NULL,
  region_path       text NOT NULL,
  accused_path      text,
  dim               text NOT NULL,
  k1                text,
  k2                text,
  items             bigint NOT NULL,
  batches           bigint NOT NULL,
  person_visits     bigint NOT NULL,
  -- Rate buckets that do not depend on today (server/stats/monthly.ts: STATIC_BUCKETS), handlingUnit rows only.
  acceptance_timely bigint NOT NULL DEFAULT 0,
  acceptance_late bigint NOT NULL DEFAULT 0,
  acceptance_overdue bigint NOT NULL DEFAULT 0,
  completion_on_time bigint NOT NULL DEFAULT 0,
  completion_late bigint NOT NULL DEFAULT 0,
  completion_not_replied bigint NOT NULL DEFAULT 0,
  completion_overdue bigint NOT NULL DEFAULT 0,
  completion_past_due bigint NOT NULL DEFAULT 0,
  evaluation_rated bigint NOT NULL DEFAULT 0,
  evaluation_overdue_unrated bigint NOT NULL DEFAULT 0,
  bureau_rating_satisfied bigint NOT NULL DEFAULT 0,
  bureau_rating_basically_satisfied bigint NOT NULL DEFAULT 0,
  bureau_rating_dissatisfied bigint NOT NULL DEFAULT 0,
  unit_rating_satisfied bigint NOT NULL DEFAULT 0,
  unit_rating_basically_satisfied bigint NOT NULL DEFAULT 0,
  unit_rating_dissatisfied bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 70); -- room on the page for HOT updates when a fold adds to a row
CREATE UNIQUE INDEX case_stats_monthly_key ON case_stats_monthly (month, region_path, accused_path, dim, k1, k2)
  NULLS NOT DISTINCT;

-- The rate buckets that depend on today (running clocks past their due day) are counted from
-- case_stats at query time, over the rows with a running clock only, from this index alone
-- (index-only scan: it carries every column that count reads).
CREATE INDEX case_stats_running ON case_stats (received_at)
  INCLUDE (region_path, accused_path, lead_unit_id, acceptance_state, acceptance_due, handling_state, handling_due,
           evaluation_state, evaluation_due, bureau_rating)
  WHERE acceptance_state = 'running' OR handling_state = 'running' OR evaluation_state = 'running';

CREATE FUNCTION case_stats_delta_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('xinfang.case_stats_rollup', 'on', true);
  INSERT INTO case_stats_delta SELECT 1, n.* FROM new_rows n;
  PERFORM set_config('xinfang.case_stats_rollup', 'off', true);
  RETURN NULL;
END $$;

CREATE FUNCTION case_stats_delta_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('xinfang.case_stats_rollup', 'on', true);
  -- A rebuild that changed nothing (the usual case for most triggers) leaves no difference.
  INSERT INTO case_stats_delta
  SELECT -1, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.*) IS DISTINCT FROM (n.*)
  UNION ALL
  SELECT 1, n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (o.*) IS DISTINCT FROM (n.*);
  PERFORM set_config('xinfang.case_stats_rollup', 'off', true);
  RETURN NULL;
END $$;

CREATE FUNCTION case_stats_delta_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('xinfang.case_stats_rollup', 'on', true);
  INSERT INTO case_stats_delta SELECT -1, o.* FROM old_rows o;
  PERFORM set_config('xinfang.case_stats_rollup', 'off', true);
  RETURN NULL;
END $$;

CREATE TRIGGER case_stats_delta_ins AFTER INSERT ON case_stats REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_delta_ins();
CREATE TRIGGER case_stats_delta_upd AFTER UPDATE ON case_stats REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_delta_upd();
CREATE TRIGGER case_stats_delta_del AFTER DELETE ON case_stats REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_stats_delta_del();

-- Rows written by anything but the trigger above and the fold (a restore, a hand-made INSERT)
-- would be counted twice: they are dropped. The WHEN clause is evaluated without calling the
-- function, so the trigger's own inserts cost nothing more.
CREATE FUNCTION case_stats_rollup_drop_foreign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;
CREATE TRIGGER case_stats_delta_only_derived BEFORE INSERT ON case_stats_delta FOR EACH ROW
  WHEN (current_setting('xinfang.case_stats_rollup', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION case_stats_rollup_drop_foreign();
CREATE TRIGGER case_stats_monthly_only_derived BEFORE INSERT ON case_stats_monthly FOR EACH ROW
  WHEN (current_setting('xinfang.case_stats_rollup', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION case_stats_rollup_drop_foreign();

-- Everything already counted becomes one pending difference per case; the first fold (the
-- dashboard's first read) sums them into the rollup.
SELECT set_config('xinfang.case_stats_rollup', 'on', true);
INSERT INTO case_stats_delta SELECT 1, s.* FROM case_stats s;
SELECT set_config('xinfang.case_stats_rollup', 'off', true);
