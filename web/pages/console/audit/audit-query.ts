import { AUDIT_OUTCOMES, type AuditOutcome } from "../../../../domain/audit/outcome.ts";

/**
 * The audit log's filters as they live in the address bar (shareable, and the back button works),
 * under the names of the API's query (`GET /api/audit`, domain/schemas/admin.ts `ZAuditQuery`).
 * Anything the API would refuse is dropped, so a hand-edited address never breaks the page.
 */
export interface AuditListState {
  page: number;
  pageSize: number;
  /** A user name or a user id, as typed: the API gets `actor` or `actorId`. */
  actor?: string;
  action?: string;
  objectType?: string;
  caseNumber?: string;
  objectId?: string;
  from?: string;
  to?: string;
  outcome?: AuditOutcome;
}

export type AuditFilterKey = Exclude<keyof AuditListState, "page" | "pageSize">;

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const;
export const AUDIT_DEFAULT_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USERNAME = /^[a-z0-9_.-]{1,40}$/;
const ACTION = /^[a-z0-9_]{1,60}$/;
const OBJECT_TYPE = /^[a-z_]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return DATE.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The value of the `actor` box, if the API would take it (a user name, or a user id). */
export function cleanActor(v: string | null | undefined): string | undefined {
  const s = v?.trim();
  if (!s) return undefined;
  if (UUID.test(s)) return s.toLowerCase();
  const name = s.toLowerCase();
  return USERNAME.test(name) ? name : undefined;
}

export function parseAuditState(params: URLSearchParams): AuditListState {
  const page = Number(params.get("page"));
  const size = Number(params.get("pageSize"));
  const state: AuditListState = {
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : AUDIT_DEFAULT_PAGE_SIZE,
  };
  const actor = cleanActor(params.get("actor"));
  if (actor) state.actor = actor;
  const action = params.get("action");
  if (action && ACTION.test(action)) state.action = action;
  const objectType = params.get("objectType");
  if (objectType && OBJECT_TYPE.test(objectType)) state.objectType = objectType;
  const caseNumber = params.get("caseNumber")?.trim();
  if (caseNumber) state.caseNumber = caseNumber.slice(0, 40);
  const objectId = params.get("objectId")?.trim();
  if (objectId) state.objectId = objectId.slice(0, 100);
  const from = params.get("from");
  if (from && isRealDate(from)) state.from = from;
  const to = params.get("to");
  if (to && isRealDate(to)) state.to = to;
  if (state.from && state.to && state.from > state.to) [state.from, state.to] = [state.to, state.from];
  const outcome = params.get("outcome");
  if (outcome && (AUDIT_OUTCOMES as readonly string[]).includes(outcome))
    state.outcome = outcome as AuditOutcome;
  return state;
}

const FILTER_KEYS: AuditFilterKey[] = [
  "actor",
  "action",
  "objectType",
  "caseNumber",
  "objectId",
  "from",
  "to",
  "outcome",
];

/** The address bar's query, defaults left out. */
export function toAuditSearchParams(state: AuditListState): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = state[k];
    if (v) p.set(k, v);
  }
  if (state.page !== 1) p.set("page", String(state.page));
  if (state.pageSize !== AUDIT_DEFAULT_PAGE_SIZE) p.set("pageSize", String(state.pageSize));
  return p;
}

/** The filter as the API takes it: a user id goes as `actorId`, a user name as `actor`. */
function apiFilterParams(state: AuditListState): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = state[k];
    if (!v) continue;
    if (k === "actor" && UUID.test(v)) p.set("actorId", v);
    else p.set(k, v);
  }
  return p;
}

export function auditApiUrl(state: AuditListState): string {
  const p = apiFilterParams(state);
  p.set("page", String(state.page));
  p.set("pageSize", String(state.pageSize));
  return `/api/audit?${p.toString()}`;
}

/** The download of the same filter (every page). */
export function auditExportUrl(state: AuditListState, format: "xlsx" | "jsonl"): string {
  const q = apiFilterParams(state).toString();
  return `/api/audit/export.${format}${q ? `?${q}` : ""}`;
}

/** A change of filter starts again at page 1; an emptied filter is dropped. */
export function withAuditFilters(
  state: AuditListState,
  change: Partial<Pick<AuditListState, AuditFilterKey>>,
): AuditListState {
  const next: AuditListState = { ...state, ...change, page: 1 };
  for (const k of Object.keys(change) as AuditFilterKey[]) {
    if (next[k] === undefined || next[k] === "") delete next[k];
  }
  return next;
}
