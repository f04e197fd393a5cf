import { z } from "zod";
import { DESTINATION_LEVELS, LEGAL_CLASSES } from "../workflow/statuses.ts";
import { zUuid } from "./common.ts";

/**
 * Case-list filters that statistics need so that every figure can be opened as the list of the
 * cases behind it (drill-down). Spread into ZCaseListQuery; the SQL is in server/stats/filters.ts.
 */

/** Fields a drill-down may ask to be empty (a breakdown's "未填写" row). */
export const BLANK_FIELDS = [
  "nature",
  "legalClass",
  "category",
  "destinationLevel",
  "householdRegion",
  "handlingUnit",
] as const;
export type BlankField = (typeof BLANK_FIELDS)[number];

/**
 * Buckets of the rates (PROCEDURE.md §5), as server/stats counts them: acceptance and completion
 * read the statutory clocks `acceptanceNotice` and `handling`, evaluation the `evaluationWindow`
 * clock and the rating. "overdue" is judged against today's date (Asia/Shanghai).
 */
export const RATE_BUCKETS = [
  "acceptance.timely",
  "acceptance.late",
  "acceptance.overdue",
  "acceptance.pending",
  "completion.onTime",
  "completion.late",
  "completion.notReplied",
  "completion.overdue",
  "completion.pending",
  /** Handling limit breached, whether answered late or still open (the overdue count of rankings). */
  "completion.pastDue",
  "evaluation.rated",
  "evaluation.overdueUnrated",
  "bureauRating.satisfied",
  "bureauRating.basically_satisfied",
  "bureauRating.dissatisfied",
  "unitRating.satisfied",
  "unitRating.basically_satisfied",
  "unitRating.dissatisfied",
] as const;
export type RateBucket = (typeof RATE_BUCKETS)[number];

const zBlankList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = s.split(",").filter((x) => x !== "");
    for (const part of parts) {
      if (!(BLANK_FIELDS as readonly string[]).includes(part)) {
        ctx.addIssue({ code: "custom", message: `unknown field ${part}` });
        return z.NEVER;
      }
    }
    return parts as BlankField[];
  });

export const caseListStatsFilters = {
  legalClass: z.enum(LEGAL_CLASSES).optional(),
  destinationLevel: z.enum(DESTINATION_LEVELS).optional(),
  /** Cases of exactly this category (not its sub-categories; `categoryId` includes them). */
  categoryExact: zUuid.optional(),
  /** Cases whose problem region is this unit or below it. */
  regionUnitId: zUuid.optional(),
  /** Cases whose problem region is this unit itself (not below it). */
  regionUnitExact: zUuid.optional(),
  /**
   * The first petitioner's household region at township level: the first 9 digits of the code,
   * or the code itself when it names only a county (6 digits).
   */
  householdRegion: z
    .string()
    .regex(/^[0-9]{6}([0-9]{3})?$/)
    .optional(),
  /** The case's current lead handling unit (主办单位). */
  handlingUnitId: zUuid.optional(),
  /** Comma-separated fields that must be empty, e.g. `blank=nature,handlingUnit`. */
  blank: zBlankList.optional(),
  bucket: z.enum(RATE_BUCKETS).optional(),
};
