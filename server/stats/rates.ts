import { rate } from "../../domain/metrics/percent.ts";
import type { TRankingRow, TRate } from "../../domain/schemas/stats.ts";
import type { DrillDown } from "./drill-down.ts";
import type { CountedBucket, GroupCounts } from "./summary.ts";

/** The rates of a group from its bucket counts, each bucket with the list filter of its cases. */
const BUCKET_ZH: Record<CountedBucket, string> = {
  "acceptance.timely": "及时受理",
  "acceptance.late": "超期受理",
  "acceptance.overdue": "逾期未受理",
  "completion.onTime": "按期办结",
  "completion.late": "超期办结",
  "completion.notReplied": "未答复",
  "completion.overdue": "逾期未答复",
  "completion.pastDue": "超期",
  "evaluation.rated": "已评价",
  "evaluation.overdueUnrated": "逾期未评价",
  "bureauRating.satisfied": "满意",
  "bureauRating.basically_satisfied": "基本满意",
  "bureauRating.dissatisfied": "不满意",
  "unitRating.satisfied": "满意",
  "unitRating.basically_satisfied": "基本满意",
  "unitRating.dissatisfied": "不满意",
};

function rateOf(
  numerator: readonly CountedBucket[],
  denominator: readonly CountedBucket[],
  counts: GroupCounts,
  drill: DrillDown,
  extra: Record<string, string> = {},
): TRate {
  const sum = (bs: readonly CountedBucket[]) => bs.reduce((s, b) => s + counts.buckets[b], 0);
  const r = rate(sum(numerator), sum(denominator));
  return {
    ...r,
    buckets: denominator.map((b) => ({
      bucket: b,
      label: BUCKET_ZH[b],
      count: counts.buckets[b],
      drillDown: drill.query({ ...extra, bucket: b }),
    })),
  };
}

export function ratesOf(counts: GroupCounts, drill: DrillDown, extra: Record<string, string> = {}) {
  return {
    timelyAcceptance: rateOf(
      ["acceptance.timely"],
      ["acceptance.timely", "acceptance.late", "acceptance.overdue"],
      counts,
      drill,
      extra,
    ),
    onTimeCompletion: rateOf(
      ["completion.onTime"],
      ["completion.onTime", "completion.late", "completion.notReplied", "completion.overdue"],
      counts,
      drill,
      extra,
    ),
    evaluation: rateOf(
      ["evaluation.rated"],
      ["evaluation.rated", "evaluation.overdueUnrated"],
      counts,
      drill,
      extra,
    ),
    bureauSatisfaction: rateOf(
      ["bureauRating.satisfied", "bureauRating.basically_satisfied"],
      ["bureauRating.satisfied", "bureauRating.basically_satisfied", "bureauRating.dissatisfied"],
      counts,
      drill,
      extra,
    ),
    unitSatisfaction: rateOf(
      ["unitRating.satisfied", "unitRating.basically_satisfied"],
      ["unitRating.satisfied", "unitRating.basically_satisfied", "unitRating.dissatisfied"],
      counts,
      drill,
      extra,
    ),
  };
}

export function simpleRate(n: number, d: number, nDrill: string | null, label: string): TRate {
  return { ...rate(n, d), buckets: [{ bucket: "numerator", label, count: n, drillDown: nDrill }] };
}

export type RankingSort = "onTime" | "satisfaction" | "overdue" | "items";

export function rankUnits(rows: TRankingRow[], sortBy: RankingSort): TRankingRow[] {
  const pct = (r: TRankingRow) =>
    sortBy === "onTime" ? r.onTime.percent : sortBy === "satisfaction" ? r.unitSatisfaction.percent : null;
  return [...rows].sort((a, b) => {
    if (sortBy === "overdue" && a.overdue !== b.overdue) return b.overdue - a.overdue;
    if (sortBy === "onTime" || sortBy === "satisfaction") {
      const pa = pct(a);
      const pb = pct(b);
      if (pa !== pb) {
        if (pa === null) return 1;
        if (pb === null) return -1;
        return pb - pa;
      }
    }
    if (a.items !== b.items) return b.items - a.items;
    return a.unitName.localeCompare(b.unitName, "zh");
  });
}
