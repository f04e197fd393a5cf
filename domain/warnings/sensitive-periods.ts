import { addDays } from "./dates.ts";
import type { WarningSettings } from "./settings.ts";
import type { AnalysisCase, WarningCandidate } from "./types.ts";

/** A sensitive period (敏感节点) from the bureau's editable calendar. */
export interface SensitivePeriod {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/**
 * Clusters near sensitive dates: at least `periodMinCases` cases of one category in one township
 * received from `periodLeadDays` days before a period's start to its end (or today, if sooner).
 * One warning per period × category × township; evidence: those cases.
 */
export function detectPeriodClusters(
  cases: readonly AnalysisCase[],
  periods: readonly SensitivePeriod[],
  today: string,
  s: Pick<WarningSettings, "periodMinCases" | "periodLeadDays">,
): WarningCandidate[] {
  const out: WarningCandidate[] = [];
  for (const p of periods) {
    const from = addDays(p.startsOn, -s.periodLeadDays);
    const to = p.endsOn < today ? p.endsOn : today;
    if (from > to) continue;
    const groups = new Map<string, AnalysisCase[]>();
    for (const c of cases) {
      if (c.receivedOn < from || c.receivedOn > to) continue;
      const key = `${c.categoryKey ?? "none"}|${c.regionKey}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, group] of groups) {
      if (group.length < s.periodMinCases) continue;
      const first = group[0]!;
      out.push({
        kind: "sensitive_period",
        subjectKey: `${p.id}|${key}`,
        subjectLabel: `${p.name} · ${first.categoryLabel} · ${first.regionLabel}`,
        windowStart: from,
        windowEnd: p.endsOn,
        caseIds: group.map((c) => c.id).sort(),
        figures: { cases: group.length, period: p.name, periodStart: p.startsOn, periodEnd: p.endsOn },
      });
    }
  }
  return out;
}
