-- The work report's default template gains the bureau's own work (leader reception, ownership,
-- dispute screening, backlog, supervision, joint conferences, duty) as a new section, in the shape
-- of the users' own year-end report. Appended only once, and only to a body that does not speak of
-- it yet, so an analyst's own wording is kept.
UPDATE report_templates SET body = body || $tpl$
## 六、工作台账
领导接访{{reception.batches}}批{{reception.personVisits}}人次，当场解决信访事项{{reception.resolvedOnSpot}}件，交办{{reception.assigned}}件；带案下访{{outreach.batches}}批{{outreach.personVisits}}人次，化解带案事项{{outreach.casesResolved}}件。
领导包案{{ownership.owned}}件，化解{{ownership.resolved}}件，化解率{{ownership.resolutionRate}}。
排查矛盾纠纷{{disputes.screened}}件，化解{{disputes.resolved}}件，化解率{{disputes.resolutionRate}}，季度交办{{disputes.handedOver}}件，开展专项排查{{disputes.campaigns}}次。分乡镇：{{disputes.byTownship}}。
信访积案年初存量{{backlog.yearStartStock}}件，新增{{backlog.added}}件，化解积案{{backlog.cleared}}件（其中领导带案下访化解{{backlog.clearedByOutreach}}件），年末存量{{backlog.yearEndStock}}件。
发出催办{{supervision.reminders}}件、督办单{{supervision.orders}}件，挂牌督办{{supervision.flags}}件，督办按期回复率{{supervision.onTimeReplyRate}}，印发信访通报{{supervision.bulletins}}期。
召开联席会议{{conferences.held}}次，议定事项{{conferences.decisions}}项，已落实{{conferences.decisionsDone}}项。
安排值班{{duty.shifts}}班次，记录值班日志{{duty.logEntries}}条。
$tpl$
WHERE code = 'work_report' AND position('{{reception.' IN body) = 0;
