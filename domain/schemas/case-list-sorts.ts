/**
 * The case list's orders (`GET /api/cases?sort=`): a field, '-' first for descending. Apart from
 * the zod schemas of case.ts (which re-exports them), so the web's list can read them without
 * loading zod into the browser.
 */
export const CASE_LIST_SORTS = ["-receivedAt", "receivedAt", "-headcount", "headcount"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];
