import { percentTenths, type Rate, rate } from "./percent.ts";

/**
 * The rates of PROCEDURE.md §5, each a pure function of bucket counts. The SQL in server/stats
 * only counts the buckets; the formula lives here, once.
 */

/** 及时受理率 buckets. Items still inside their acceptance limit are not yet judged and are left out. */
export interface AcceptanceBuckets {
  timely: number;
  late: number;
  overdueUnaccepted: number;
}

/** 及时受理率 = accepted within the limit / (timely + late + overdue not accepted). */
export function timelyAcceptanceRate(b: AcceptanceBuckets): Rate {
  return rate(b.timely, b.timely + b.late + b.overdueUnaccepted);
}

export interface CompletionBuckets {
  onTime: number;
  late: number;
  /** The handling limit ended without a reply (case closed, forwarded or terminated unanswered). */
  notReplied: number;
  /** Still unanswered and past the due day. */
  overdueNotReplied: number;
}

/** 按期办结率 = on time / (on time + late + not replied + overdue not replied). */
export function onTimeCompletionRate(b: CompletionBuckets): Rate {
  return rate(b.onTime, b.onTime + b.late + b.notReplied + b.overdueNotReplied);
}

export interface EvaluationBuckets {
  rated: number;
  overdueUnrated: number;
}

/** 参评率 = rated / (rated + unrated after the evaluation window closed). */
export function evaluationRate(b: EvaluationBuckets): Rate {
  return rate(b.rated, b.rated + b.overdueUnrated);
}

export interface RatingCounts {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
}

/** 满意率 = (satisfied + basically satisfied) / all rated. Bureau and handling unit are rated apart. */
export function satisfactionRate(r: RatingCounts): Rate {
  return rate(r.satisfied + r.basicallySatisfied, r.satisfied + r.basicallySatisfied + r.dissatisfied);
}

/** 重复信访率 = repeat items / all items. */
export function repeatRate(repeatItems: number, allItems: number): Rate {
  return rate(repeatItems, allItems);
}

/** 化解率 = resolved / screened (disputes) or resolved / owned (包案). */
export function resolutionRate(resolved: number, base: number): Rate {
  return rate(resolved, base);
}

/** 网信占比 = online items / all items. */
export function onlineShare(onlineItems: number, allItems: number): Rate {
  return rate(onlineItems, allItems);
}

/** 同比 / 环比: the change from an earlier period; `percent` is null when the earlier count is 0. */
export interface Change {
  current: number;
  previous: number;
  delta: number;
  /** Growth in percent, one decimal, rounded half away from zero; null when previous is 0. */
  percent: number | null;
}

export function change(current: number, previous: number): Change {
  const delta = current - previous;
  const tenths = percentTenths(Math.abs(delta), previous);
  return { current, previous, delta, percent: tenths === null ? null : (Math.sign(delta) * tenths) / 10 };
}
