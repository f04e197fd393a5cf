import { CASE_LIST_SORTS, type CaseListSort } from "../../../../domain/schemas/case-list-sorts.ts";
import {
  CASE_STATUSES,
  type CaseStatus,
  CHANNELS,
  type Channel,
  NATURES,
  type Nature,
} from "../../../../domain/workflow/statuses.ts";

/**
 * The case list's state as it lives in the address bar: shareable, bookmarkable, and the back
 * button works. The same names as the API's query parameters (GET /api/cases).
 */
export interface ListState {
  page: number;
  pageSize: number;
  channel?: Channel;
  status?: CaseStatus;
  nature?: Nature;
  regionCode?: string;
  from?: string;
  to?: string;
  isCollective?: boolean;
  isFirstPetition?: boolean;
  q?: string;
  sort?: CaseListSort;
  /** Filters on category fields (`amount_owed>=10000;employer~建设`), checked by the server. */
  fieldFilter?: string;
  /** Filters the statistics page drills down with (its `drillDown` query strings), kept as they come. */
  extra?: Partial<Record<DrillKey, string>>;
}

/** The case-list filters statistics added (docs/STATISTICS.md "Drill-down"); the server validates them. */
export const DRILL_KEYS = [
  "legalClass",
  "destinationLevel",
  "categoryId",
  "categoryExact",
  "regionUnitId",
  "regionUnitExact",
  "householdRegion",
  "handlingUnitId",
  "blank",
  "bucket",
] as const;
export type DrillKey = (typeof DRILL_KEYS)[number];
const DRILL_VALUE = /^[\w.,-]{1,100}$/;

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function bool(v: string | null): boolean | undefined {
  return v === "true" ? true : v === "false" ? false : undefined;
}

function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Reads the state from the URL; anything invalid is dropped, so a hand-edited URL never breaks the page. */
export function parseListState(params: URLSearchParams): ListState {
  const page = Number(params.get("page"));
  const size = Number(params.get("pageSize"));
  const state: ListState = {
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
  const channel = oneOf(CHANNELS, params.get("channel"));
  if (channel) state.channel = channel;
  const status = oneOf(CASE_STATUSES, params.get("status"));
  if (status) state.status = status;
  const nature = oneOf(NATURES, params.get("nature"));
  if (nature) state.nature = nature;
  const region = params.get("regionCode");
  if (region && REGION.test(region)) state.regionCode = region;
  const from = params.get("from");
  if (from && DATE.test(from) && isRealDate(from)) state.from = from;
  const to = params.get("to");
  if (to && DATE.test(to) && isRealDate(to)) state.to = to;
  if (state.from && state.to && state.from > state.to) [state.from, state.to] = [state.to, state.from];
  const collective = bool(params.get("isCollective"));
  if (collective !== undefined) state.isCollective = collective;
  const first = bool(params.get("isFirstPetition"));
  if (first !== undefined) state.isFirstPetition = first;
  const q = params.get("q")?.trim();
  if (q) state.q = q.slice(0, 100);
  const sort = oneOf(CASE_LIST_SORTS, params.get("sort"));
  if (sort) state.sort = sort;
  const fieldFilter = params.get("fieldFilter")?.trim();
  if (fieldFilter) state.fieldFilter = fieldFilter.slice(0, 500);
  const extra: Partial<Record<DrillKey, string>> = {};
  for (const k of DRILL_KEYS) {
    const v = params.get(k);
    if (v && DRILL_VALUE.test(v)) extra[k] = v;
  }
  if (Object.keys(extra).length > 0) state.extra = extra;
  return state;
}

/** Writes the state back, leaving defaults out so the plain list has a plain URL. */
export function toSearchParams(state: ListState): URLSearchParams {
  const p = new URLSearchParams();
  const entries: [string, string | number | boolean | undefined][] = [
    ["q", state.q],
    ["channel", state.channel],
    ["status", state.status],
    ["nature", state.nature],
    ["regionCode", state.regionCode],
    ["from", state.from],
    ["to", state.to],
    ["isCollective", state.isCollective],
    ["isFirstPetition", state.isFirstPetition],
    ["fieldFilter", state.fieldFilter],
    ["sort", state.sort === "-receivedAt" ? undefined : state.sort],
    ["page", state.page === 1 ? undefined : state.page],
    ["pageSize", state.pageSize === DEFAULT_PAGE_SIZE ? undefined : state.pageSize],
  ];
  for (const [k, v] of entries) if (v !== undefined && v !== "") p.set(k, String(v));
  for (const k of DRILL_KEYS) {
    const v = state.extra?.[k];
    if (v) p.set(k, v);
  }
  return p;
}

/** The API request for the state: every parameter explicit. */
export function toApiUrl(state: ListState): string {
  const p = toSearchParams(state);
  p.set("page", String(state.page));
  p.set("pageSize", String(state.pageSize));
  return `/api/cases?${p.toString()}`;
}

/** A change of filter starts again at page 1; paging alone keeps the filters. */
export function withFilters(
  state: ListState,
  change: Partial<Omit<ListState, "page" | "pageSize">>,
): ListState {
  const next: ListState = { ...state, ...change, page: 1 };
  for (const k of Object.keys(change) as (keyof ListState)[]) {
    if (next[k] === undefined || next[k] === "") delete next[k];
  }
  return next;
}

/** antd Table's sorter → the API's sort value, and back. */
export function sortFromTable(
  field: string | undefined,
  order: "ascend" | "descend" | null | undefined,
): CaseListSort | undefined {
  if (!order || (field !== "receivedAt" && field !== "headcount")) return undefined;
  return (order === "descend" ? `-${field}` : field) as CaseListSort;
}

export function tableOrder(
  sort: CaseListSort | undefined,
  field: "receivedAt" | "headcount",
): "ascend" | "descend" | null {
  const s = sort ?? "-receivedAt";
  if (s === field) return "ascend";
  if (s === `-${field}`) return "descend";
  return null;
}
