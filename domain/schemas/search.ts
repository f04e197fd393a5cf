import { z } from "zod";
import { ZCaseListQuery, ZCaseSummary } from "./case.ts";
import { zText } from "./common.ts";

/** Petitioner filters: only for roles that may see petitioner identity (registrar, bureau office). */
const personFilters = {
  petitionerName: zText(1, 50).optional(),
  idNumber: z.string().trim().min(1).max(30).optional(),
  phone: z.string().trim().min(1).max(30).optional(),
};
export const PERSON_FILTERS = Object.keys(personFilters) as (keyof typeof personFilters)[];

/**
 * `GET /api/search/cases`: the list filters in the address. Petitioner filters are declared only so
 * the route can refuse them (SEARCH_PERSON_IN_URL): an address ends up in logs and browser history.
 */
const refused = z.string().optional();
export const ZCaseSearchQuery = ZCaseListQuery.extend({
  petitionerName: refused,
  idNumber: refused,
  phone: refused,
});
export type TCaseSearchQuery = z.infer<typeof ZCaseSearchQuery>;

/**
 * `POST /api/search/cases`: the same search with its fields in the body (the query string's names
 * and value forms), and the only way to search by petitioner name, ID number or phone.
 */
export const ZCaseSearchRequest = ZCaseListQuery.extend(personFilters);
/** What a client sends. */
export type TCaseSearchRequest = z.input<typeof ZCaseSearchRequest>;
/** What the route works with, after validation and defaults. */
export type TCaseSearch = z.infer<typeof ZCaseSearchRequest>;

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
