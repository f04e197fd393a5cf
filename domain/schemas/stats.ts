import { z } from "zod";
import { PERIOD_KINDS } from "../metrics/period.ts";
import { CASE_STATUSES, CHANNELS, DESTINATION_LEVELS, NATURES } from "../workflow/statuses.ts";
import { zIsoDate, zRegionCode, zUuid } from "./common.ts";
import { caseListStatsFilters } from "./stats-filters.ts";

const zBoolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

/**
 * The statistics query: a period (month, quarter, half, year or custom days) and the case-list
 * filters that narrow the cases counted (channel, region subtree, category …).
 */
export const ZStatsQuery = z.object({
  period: z.enum(PERIOD_KINDS).default("year"),
  year: z.coerce.number().int().min(1990).max(2999).optional(),
  /** Month 1–12, quarter 1–4 or half 1–2. */
  index: z.coerce.number().int().min(1).max(12).optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  channel: z.enum(CHANNELS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  nature: z.enum(NATURES).optional(),
  categoryId: zUuid.optional(),
  regionCode: zRegionCode.optional(),
  isCollective: zBoolQuery.optional(),
  isFirstPetition: zBoolQuery.optional(),
  legalClass: caseListStatsFilters.legalClass,
  destinationLevel: caseListStatsFilters.destinationLevel,
  categoryExact: caseListStatsFilters.categoryExact,
  regionUnitId: caseListStatsFilters.regionUnitId,
  householdRegion: caseListStatsFilters.householdRegion,
  handlingUnitId: caseListStatsFilters.handlingUnitId,
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

export const ZRankingQuery = ZStatsQuery.extend({
  sortBy: z.enum(["onTime", "satisfaction", "overdue", "items"]).default("onTime"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const zPlainRate = z.object({
  numerator: z.number(),
  denominator: z.number(),
  percent: z.number().nullable(),
});

const zCounts = {
  items: z.number(),
  batches: z.number(),
  personVisits: z.number(),
};

/** `drillDown` is the query string of GET /api/cases that lists exactly the cases behind a figure. */
export const ZBreakdownRow = z.object({
  key: z.string().nullable(),
  label: z.string(),
  ...zCounts,
  /** Share of the items in the breakdown's total, percent with one decimal. */
  share: z.number().nullable(),
  drillDown: z.string().nullable(),
});
export type TBreakdownRow = z.infer<typeof ZBreakdownRow>;

export const ZRate = z.object({
  numerator: z.number(),
  denominator: z.number(),
  percent: z.number().nullable(),
  buckets: z.array(
    z.object({ bucket: z.string(), label: z.string(), count: z.number(), drillDown: z.string().nullable() }),
  ),
});
export type TRate = z.infer<typeof ZRate>;

export const ZChange = z.object({
  current: z.number(),
  previous: z.number(),
  delta: z.number(),
  percent: z.number().nullable(),
});

const zPeriod = z.object({ kind: z.enum(PERIOD_KINDS), from: z.string(), to: z.string(), label: z.string() });

export const ZRankingRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  items: z.number(),
  onTime: ZRate,
  unitSatisfaction: ZRate,
  overdue: z.number(),
  drillDown: z.string().nullable(),
  overdueDrillDown: z.string().nullable(),
});
export type TRankingRow = z.infer<typeof ZRankingRow>;

export const ZStatsSummary = z.object({
  period: zPeriod,
  asOf: z.string(),
  scope: z.object({ path: z.string(), name: z.string() }),
  totals: z.object({ ...zCounts, drillDown: z.string().nullable() }),
  breakdowns: z.record(z.string(), z.array(ZBreakdownRow)),
  /** Two-way splits by channel: `visit` by collective and destination level, `online` by nature … */
  splits: z.object({
    byCollective: z.record(z.string(), z.array(ZBreakdownRow)),
    byNature: z.record(z.string(), z.array(ZBreakdownRow)),
    byDestinationLevel: z.record(z.string(), z.array(ZBreakdownRow)),
    /** Visits to the city, province or Beijing that the upper level registered (其中登记), per level. */
    visitsRegisteredAbove: z.array(
      z.object({ key: z.enum(DESTINATION_LEVELS), ...zCounts, drillDown: z.string().nullable() }),
    ),
    /**
     * The ratings of the period's cases by how they came in (portal: the petitioner online; phone,
     * visit, letter: told to staff at a follow-up, 回访), each with its satisfaction rates.
     */
    ratingsByChannel: z.array(
      z.object({
        key: z.enum(["portal", "phone", "visit", "letter"]),
        rated: z.number(),
        drillDown: z.string().nullable(),
        bureauSatisfaction: zPlainRate,
        unitSatisfaction: zPlainRate,
      }),
    ),
  }),
  rates: z.object({
    timelyAcceptance: ZRate,
    onTimeCompletion: ZRate,
    evaluation: ZRate,
    bureauSatisfaction: ZRate,
    unitSatisfaction: ZRate,
    repeat: ZRate,
    onlineShare: ZRate,
  }),
  comparison: z.object({
    previous: zPeriod.extend(zCounts),
    lastYear: zPeriod.extend(zCounts),
    /** 环比 (against the previous period) and 同比 (against the same period last year). */
    items: z.object({ mom: ZChange, yoy: ZChange }),
    personVisits: z.object({ mom: ZChange, yoy: ZChange }),
    byChannel: z.array(z.object({ channel: z.string(), label: z.string(), mom: ZChange, yoy: ZChange })),
    /** Top-level categories of this period (most items first) with their change: hot spots rising or falling. */
    byCategory: z.array(
      z.object({ key: z.string().nullable(), label: z.string(), mom: ZChange, yoy: ZChange }),
    ),
  }),
  rankings: z.array(ZRankingRow),
});
export type TStatsSummary = z.infer<typeof ZStatsSummary>;

export const ZReportTemplate = z.object({
  code: z.string(),
  name: z.string(),
  body: z.string(),
  updatedAt: z.string(),
  /** The placeholders the body may use, with what each stands for. */
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
});

export const ZReportTemplateUpdate = z.object({
  name: z.string().trim().min(1).max(100),
  body: z.string().min(1).max(50000),
});
