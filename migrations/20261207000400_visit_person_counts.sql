-- 批次 and 人次 count visits only (issue #17 §6): a letter's signers and a web petition's
-- co-petitioners are not person-visits (server/stats/summary.ts VISIT_BATCHES_SQL/VISIT_PERSONS_SQL).
-- The monthly rollup summed them for every channel, so it is rebuilt: emptied, and every case_stats
-- row queued as a difference that the next fold (server/stats/monthly.ts) counts the new way.
SELECT set_config('xinfang.case_stats_rollup', 'on', true);
DELETE FROM case_stats_delta;
DELETE FROM case_stats_monthly;
INSERT INTO case_stats_delta SELECT 1, s.* FROM case_stats s;
SELECT set_config('xinfang.case_stats_rollup', 'off', true);

-- The default work report's first sentence gave every case's persons as 人次; as in the bureau's
-- report, 人次 now goes with the visits only ("接待群众来访684件6859人次"). A template the bureau
-- has edited is left as it is.
UPDATE report_templates
   SET body = replace(body, '{{total.items}}件{{total.personVisits}}人次', '{{total.items}}件')
 WHERE code = 'work_report' AND updated_by IS NULL;
