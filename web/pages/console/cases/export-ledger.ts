import { type ListState, toSearchParams } from "./list-query.ts";

/** The ledger export of exactly the list's filters (GET /api/stats/ledger.xlsx takes /api/cases's). */
export function ledgerUrl(state: ListState): string {
  const p = toSearchParams(state);
  p.delete("page");
  p.delete("pageSize");
  const q = p.toString();
  return `/api/stats/ledger.xlsx${q ? `?${q}` : ""}`;
}
