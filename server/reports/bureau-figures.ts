import { formatPercent } from "../../domain/metrics/percent.ts";
import type { Actor } from "../auth/actor.ts";
import { allBureauFigures, type BureauFigures } from "../bureau/figures.ts";
import type { Queryable } from "../db/index.ts";

/**
 * The work report's placeholders for the bureau's own work (reception, ownership, disputes,
 * supervision, conferences, duty, backlog), filled from the modules' figures for the report's
 * period and the reader's jurisdiction.
 */
export const BUREAU_PLACEHOLDERS: Record<string, string> = {
  "reception.records": "领导接访场次（接访记录数）",
  "reception.batches": "领导接访批次",
  "reception.personVisits": "领导接访人次",
  "reception.matters": "领导接访受理事项数",
  "reception.resolvedOnSpot": "领导接访当场解决事项数",
  "reception.assigned": "领导接访交办事项数",
  "reception.days": "领导接访日（已安排）数",
  "outreach.visits": "领导下访次数",
  "outreach.batches": "下访接待批次",
  "outreach.personVisits": "下访接待人次",
  "outreach.casesCarried": "带案下访事项数",
  "outreach.casesResolved": "带案下访化解事项数",
  "ownership.owned": "领导包案件数",
  "ownership.resolved": "包案化解件数",
  "ownership.resolutionRate": "包案化解率",
  "disputes.screened": "排查矛盾纠纷件数",
  "disputes.resolved": "化解矛盾纠纷件数",
  "disputes.resolutionRate": "矛盾纠纷化解率",
  "disputes.handedOver": "季度交办矛盾纠纷件数",
  "disputes.campaigns": "专项排查次数（有纠纷上报的）",
  "disputes.byTownship": "各乡镇排查化解情况（一句话）",
  "supervision.reminders": "催办件数",
  "supervision.orders": "督办单件数",
  "supervision.flags": "挂牌督办件数",
  "supervision.onTimeReplyRate": "督办按期回复率",
  "supervision.bulletins": "印发信访通报期数",
  "conferences.held": "召开联席会议次数",
  "conferences.decisions": "联席会议议定事项数",
  "conferences.decisionsDone": "议定事项已落实数",
  "duty.shifts": "值班班次",
  "duty.logEntries": "值班日志条数",
  "backlog.yearStartStock": "信访积案年初存量",
  "backlog.added": "新增信访积案",
  "backlog.cleared": "化解信访积案",
  "backlog.clearedByOutreach": "领导带案下访化解积案",
  "backlog.yearEndStock": "信访积案年末存量",
};

/** The value of every bureau placeholder for a set of figures. */
export function bureauPlaceholderValues(f: BureauFigures): Record<string, string> {
  const n = (v: number) => String(v);
  const pct = (v: number | null) => formatPercent(v);
  const towns = f.disputes.byTownship.filter((t) => t.screened > 0);
  return {
    "reception.records": n(f.reception.receptions.records),
    "reception.batches": n(f.reception.receptions.batches),
    "reception.personVisits": n(f.reception.receptions.personVisits),
    "reception.matters": n(f.reception.receptions.matters),
    "reception.resolvedOnSpot": n(f.reception.receptions.resolvedOnSpot),
    "reception.assigned": n(f.reception.receptions.assigned),
    "reception.days": n(f.reception.days),
    "outreach.visits": n(f.reception.outreach.visits),
    "outreach.batches": n(f.reception.outreach.batches),
    "outreach.personVisits": n(f.reception.outreach.personVisits),
    "outreach.casesCarried": n(f.reception.outreach.casesCarried),
    "outreach.casesResolved": n(f.reception.outreach.casesResolved),
    "ownership.owned": n(f.ownership.owned),
    "ownership.resolved": n(f.ownership.resolved),
    "ownership.resolutionRate": pct(f.ownership.resolutionRate),
    "disputes.screened": n(f.disputes.screened),
    "disputes.resolved": n(f.disputes.resolved),
    "disputes.resolutionRate": pct(f.disputes.resolutionRate),
    "disputes.handedOver": n(f.disputes.handedOver),
    "disputes.campaigns": n(f.disputes.byCampaign.length),
    "disputes.byTownship":
      towns
        .map((t) => `${t.areaName}排查${t.screened}件、化解${t.resolved}件，化解率${pct(t.resolutionRate)}`)
        .join("；") || "无",
    "supervision.reminders": n(f.supervision.reminders),
    "supervision.orders": n(f.supervision.orders),
    "supervision.flags": n(f.supervision.flagsActive + f.supervision.flagsLifted),
    "supervision.onTimeReplyRate": pct(f.supervision.onTimeReplyRate),
    "supervision.bulletins": n(f.supervision.bulletinsIssued),
    "conferences.held": n(f.conferences.meetingsHeld),
    "conferences.decisions": n(f.conferences.decisions),
    "conferences.decisionsDone": n(f.conferences.decisionsDone),
    "duty.shifts": n(f.duty.shifts),
    "duty.logEntries": n(f.duty.logEntries),
    "backlog.yearStartStock": n(f.backlog.yearStartStock),
    "backlog.added": n(f.backlog.added),
    "backlog.cleared": n(f.backlog.cleared),
    "backlog.clearedByOutreach": n(f.backlog.clearedByRoute.outreach ?? 0),
    "backlog.yearEndStock": n(f.backlog.yearEndStock),
  };
}

/** True when the template names any bureau placeholder (the figures are then worth computing). */
export function usesBureauPlaceholders(body: string): boolean {
  return Object.keys(BUREAU_PLACEHOLDERS).some((k) => body.includes(k));
}

/** The bureau placeholders' values for a report's period and reader. */
export async function bureauReportValues(
  q: Queryable,
  actor: Actor,
  now: Date,
  period: { from: string; to: string },
): Promise<Record<string, string>> {
  return bureauPlaceholderValues(await allBureauFigures(q, actor, now, period));
}
