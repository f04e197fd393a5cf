import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STATISTICS_ROLES } from "../../../domain/metrics/access.ts";
import { STANDARD_ERRORS } from "../../../domain/schemas/common.ts";
import { ZRankingQuery, ZRankingRow, ZStatsQuery, ZStatsSummary } from "../../../domain/schemas/stats.ts";
import { requireRole } from "../../plugins/auth.ts";
import { buildSummary } from "../../stats/present.ts";
import { filterOf, periodOf } from "./period.ts";
import { reportRoutes } from "./reports.ts";

export const statsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  await app.register(reportRoutes);

  app.get(
    "/summary",
    {
      schema: {
        tags: ["stats"],
        summary: "统计汇总 Totals, breakdowns, rates, 同比/环比 and unit rankings for a period",
        querystring: ZStatsQuery,
        response: { 200: ZStatsSummary, ...STANDARD_ERRORS },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const now = app.deps.now();
      return buildSummary(db, {
        actor,
        filter: filterOf(req.query),
        period: periodOf(req.query, now),
        asOf: now,
      });
    },
  );

  app.get(
    "/rankings",
    {
      schema: {
        tags: ["stats"],
        summary: "承办单位排名 Handling units ranked by on-time rate, satisfaction or overdue count",
        querystring: ZRankingQuery,
        response: {
          200: z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            rows: z.array(ZRankingRow),
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
    async (req) => {
      const actor = requireRole(req, ...STATISTICS_ROLES);
      const now = app.deps.now();
      const period = periodOf(req.query, now);
      const s = await buildSummary(db, {
        actor,
        filter: filterOf(req.query),
        period,
        asOf: now,
        sortBy: req.query.sortBy,
      });
      return { period: { from: period.from, to: period.to }, rows: s.rankings.slice(0, req.query.limit) };
    },
  );
};
