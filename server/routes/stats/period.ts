import { type Period, resolvePeriod } from "../../../domain/metrics/period.ts";
import type { TStatsQuery } from "../../../domain/schemas/stats.ts";
import { AppError } from "../../plugins/errors.ts";
import type { StatsFilter } from "../../stats/summary.ts";

/** The period a statistics query asks for; the current year when it names none. */
export function periodOf(q: TStatsQuery, now: Date): Period {
  const year =
    q.year ??
    Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
  try {
    switch (q.period) {
      case "custom":
        if (!q.from || !q.to) throw new RangeError("custom needs from and to");
        return resolvePeriod({ kind: "custom", from: q.from, to: q.to });
      case "year":
        return resolvePeriod({ kind: "year", year });
      default:
        if (q.index === undefined) throw new RangeError("index required");
        return resolvePeriod({ kind: q.period, year, index: q.index });
    }
  } catch (err) {
    if (err instanceof RangeError) throw new AppError("STATS_PERIOD_INVALID", { reason: err.message });
    throw err;
  }
}

/** The case filters of a statistics query (everything but the period fields). */
export function filterOf(q: TStatsQuery): StatsFilter {
  const {
    period: _p,
    year: _y,
    index: _i,
    from: _f,
    to: _t,
    ...rest
  } = q as TStatsQuery & {
    sortBy?: unknown;
    limit?: unknown;
  };
  const { sortBy: _s, limit: _l, ...filter } = rest;
  return filter;
}
