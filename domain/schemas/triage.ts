import { z } from "zod";
import { LEGAL_CLASSES, NATURES } from "../workflow/statuses.ts";
import { zRegionCode, zText, zUuid } from "./common.ts";

export const ZTriageRequest = z.object({
  title: zText(0, 200).optional(),
  content: zText(1, 20000),
  problemRegionCode: zRegionCode.optional(),
});

const option = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    score: z.number(),
    source: z.enum(["model", "rules"]),
    topWords: z.array(z.string()),
    ruleHits: z.array(z.string()),
  });

const ZUnitOption = z.object({
  unitId: z.string(),
  unitName: z.string(),
  source: z.enum(["route_out", "practice", "catalogue", "names"]),
  ruleId: z.string().nullable(),
  byParentCategory: z.boolean(),
  reason: z.string(),
  count: z.number().nullable(),
});

const ZRouteOutFlag = z.object({
  route: z.enum(["legal_channel", "discipline_inspection"]),
  bodyZh: z.string(),
  hits: z.array(z.string()),
  score: z.number().optional(),
});

export const ZTriageSuggestion = z.object({
  nature: z.array(option(z.enum(NATURES))),
  legalClass: z.array(option(z.enum(LEGAL_CLASSES))),
  category: z.array(
    option(z.string()).extend({ categoryId: z.string().nullable(), name: z.string().nullable() }),
  ),
  /** The first of unitOptions: a route-out body, the bureau's practice, its catalogue, or a department's name. */
  handlingUnit: ZUnitOption.nullable(),
  unitOptions: z.array(ZUnitOption),
  /** The first category is below the model's threshold. */
  notSure: z.boolean(),
  notSureZh: z.string().nullable(),
  routeOut: z.array(ZRouteOutFlag),
  /** Route-outs the model cannot tell: to be judged by the registrar, not routed. */
  routeOutNotSure: z.array(ZRouteOutFlag),
  protectFromAccused: z.boolean(),
  model: z.object({ examples: z.number(), confirmedChoices: z.number() }).nullable(),
});

/** How the registrar's category compares with what the registration screen suggested. */
export const TRIAGE_OUTCOMES = ["accepted", "changed", "no_suggestion"] as const;

/** What the registration screen's 智能分办 panel showed when the registrar saved. */
export const ZTriageShown = z.object({
  outcome: z.enum(TRIAGE_OUTCOMES),
  nature: z.enum(NATURES).nullable(),
  /** The category offered as the answer; null when none was (no suggestion, or 不确定). */
  categoryId: zUuid.nullable(),
  unitId: zUuid.nullable(),
  notSure: z.boolean(),
});

export const ZTriageChoice = z
  .object({
    nature: z.enum(NATURES),
    legalClass: z.enum(LEGAL_CLASSES),
    categoryId: zUuid,
    unitId: zUuid.optional(),
    shown: ZTriageShown.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.shown) return;
    const { outcome, categoryId } = v.shown;
    const fits =
      outcome === "accepted"
        ? categoryId === v.categoryId
        : outcome === "changed"
          ? categoryId !== null && categoryId !== v.categoryId
          : categoryId === null;
    if (!fits)
      ctx.addIssue({
        code: "custom",
        path: ["shown", "outcome"],
        message:
          "“采用/改选/无建议”与建议的类别和所选类别不符 / the outcome does not fit the suggested and the chosen category",
      });
  });

export const ZRoutingRuleInput = z.object({
  categoryId: zUuid,
  regionCode: zRegionCode.nullable().default(null),
  unitId: zUuid,
  note: zText(0, 500).optional(),
});

export const ZRoutingRule = z.object({
  id: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  regionCode: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  note: z.string().nullable(),
});
