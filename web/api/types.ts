import type { z } from "zod";
import type { TMe } from "../../domain/schemas/auth.ts";
import type {
  TCaseDetail,
  TCaseSummary,
  TPublicSubmitRequest,
  TPublicSubmitResponse,
  ZCaseListResponse,
  ZPublicStatusResponse,
} from "../../domain/schemas/case.ts";
import type { ZCategory, ZOrgUnit } from "../../domain/schemas/org.ts";
import type { TCaseSearchRequest, ZCaseSearchResponse } from "../../domain/schemas/search.ts";
import type { TTodoResponse } from "../../domain/schemas/todo.ts";

export type Me = TMe;
export type CaseSummary = TCaseSummary;
export type CaseDetail = TCaseDetail;
export type CaseList = z.infer<typeof ZCaseListResponse>;
export type TodoList = TTodoResponse;
/** POST /api/search/cases: the filters travel in the body, never in the address (they may identify a person). */
export type CaseSearchRequest = TCaseSearchRequest;
export type CaseSearchResult = z.infer<typeof ZCaseSearchResponse>;
export type OrgUnit = z.infer<typeof ZOrgUnit>;
export type Category = z.infer<typeof ZCategory>;
export type PublicStatus = z.infer<typeof ZPublicStatusResponse>;
export type PublicSubmit = TPublicSubmitRequest;
export type PublicSubmitAnswer = TPublicSubmitResponse;
export interface PublicRegion {
  code: string;
  name: string;
  kind: "county" | "township" | "village";
  parentCode: string | null;
}
