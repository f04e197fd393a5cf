import { randomUUID } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZErrorResponse } from "../../../domain/schemas/common.ts";
import { OPEN_DATA_CACHE_MS, OPEN_DATA_DIMENSIONS, openData, toCsv } from "../../opendata/monthly.ts";

const ZYearQuery = z.object({ year: z.coerce.number().int().min(1990).max(2999).optional() });

/** As long as the server keeps the figures (OPEN_DATA_CACHE_MS): proxies and browsers may keep them too. */
const CACHE = `public, max-age=${OPEN_DATA_CACHE_MS / 1000}`;

const zCount = z.union([z.number(), z.string()]);
const ZOpenData = z.object({
  title: z.string(),
  titleEn: z.string(),
  year: z.number(),
  generatedAt: z.string(),
  minCell: z.number(),
  notes: z.object({ zh: z.string(), en: z.string() }),
  rows: z.array(
    z.object({
      month: z.string(),
      dimension: z.enum(OPEN_DATA_DIMENSIONS),
      key: z.string(),
      label: z.string(),
      items: zCount,
      onTimeBase: zCount,
      onTimeRate: z.number().nullable(),
      satisfactionBase: zCount,
      satisfactionRate: z.number().nullable(),
    }),
  ),
});

const notes = (min: number) => ({
  zh: `按月统计的信访事项件数（按问题类别、乡镇、信访形式分组），按期办结率与满意率。少于 ${min} 件的格显示为 “<${min}”；为防止用合计减去其余各格反推出被隐藏的数，同一组中另隐藏一格，显示为 “*”。不发布跨月合计。不含任何个人信息。`,
  en: `Monthly counts of petitions (by category, township and channel) with on-time completion and satisfaction rates. A cell under ${min} is shown as "<${min}"; so that no hidden cell can be recovered by subtracting the others from the total, one more cell of the same group is hidden and shown as "*". No sums over months are published. No personal data.`,
});

/** The public, stable open-data URLs (docs/OPENDATA.md): no account, the public request budget. */
export const openDataRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;
  // The cache is per database: tests run several apps in one process.
  const cacheScope = randomUUID();
  const yearOf = (y: number | undefined) =>
    y ??
    Number(
      new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(app.deps.now()),
    );
  const load = (year: number) => openData(db, year, config.openDataMinCell, app.deps.now(), cacheScope);

  app.get(
    "/monthly.json",
    {
      schema: {
        tags: ["public"],
        summary: "开放数据：按月汇总（JSON） Open data: monthly aggregates (JSON)",
        querystring: ZYearQuery,
        response: { 200: ZOpenData, 400: ZErrorResponse, 429: ZErrorResponse },
      },
    },
    async (req, reply) => {
      const d = await load(yearOf(req.query.year));
      reply.header("cache-control", CACHE);
      return {
        title: `信访事项按月汇总（${d.year}年）`,
        titleEn: `Petitions by month (${d.year})`,
        notes: notes(d.minCell),
        ...d,
      };
    },
  );

  app.get(
    "/monthly.csv",
    {
      schema: {
        tags: ["public"],
        summary: "开放数据：按月汇总（CSV） Open data: monthly aggregates (CSV, UTF-8)",
        querystring: ZYearQuery,
      },
    },
    async (req, reply) => {
      const d = await load(yearOf(req.query.year));
      return reply
        .header("cache-control", CACHE)
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="xinfang-monthly-${d.year}.csv"`)
        .send(toCsv(d));
    },
  );
};
