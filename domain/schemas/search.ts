import { z } from "zod";
import { ZCaseListQuery, ZCaseSummary } from "./case.ts";
import { zText } from "./common.ts";

export const ZCaseSearchQuery = ZCaseListQuery.extend({
  /** Petitioner filters: only for roles that may see petitioner identity (registrar, bureau office). */
  petitionerName: zText(1, 50).optional(),
  idNumber: z.string().trim().min(1).max(30).optional(),
  phone: z.string().trim().min(1).max(30).optional(),
});
export type TCaseSearchQuery = z.infer<typeof ZCaseSearchQuery>;

const ZRange = z.tuple([z.number(), z.number()]);
export const ZHighlighted = z.object({ text: z.string(), ranges: z.array(ZRange) });

export const ZCaseSearchHit = ZCaseSummary.extend({
  rank: z.number(),
  /** Title with the matched ranges ([start, end) in UTF-16 units). */
  titleHighlight: ZHighlighted,
  /** About 80 characters of the content around the matches. */
  snippet: ZHighlighted,
});

export const ZCaseSearchResponse = z.object({
  items: z.array(ZCaseSearchHit),
  /** Matching cases the user may read; when `totalIsExact` is false, there are more than this. */
  total: z.number(),
  totalIsExact: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  /** The words (and word parts) the query was split into. */
  terms: z.array(z.string()),
});
