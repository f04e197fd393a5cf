import { z } from "zod";
import type { FieldType } from "./definitions.ts";

/**
 * Case-list filters on category fields, written in the address as
 * `fieldFilter=amount_owed>=10000;employer~建设` — key, operator, value, separated by `;`.
 * `=` equals, `~` contains (text), `>=` / `<=` (number, money in yuan, date).
 */
export const FIELD_FILTER_OPS = [">=", "<=", "~", "="] as const;
export type FieldFilterOp = (typeof FIELD_FILTER_OPS)[number];

export interface FieldFilter {
  key: string;
  op: FieldFilterOp;
  value: string;
}

const ONE = /^([a-z][a-z0-9_]{0,39})(>=|<=|~|=)(.{1,100})$/s;

/** The filters of a `fieldFilter` parameter, or the part that cannot be read. */
export function parseFieldFilters(s: string): { filters: FieldFilter[] } | { bad: string } {
  const filters: FieldFilter[] = [];
  for (const part of s.split(";")) {
    if (part.trim() === "") continue;
    const m = ONE.exec(part.trim());
    if (!m) return { bad: part };
    filters.push({ key: m[1]!, op: m[2] as FieldFilterOp, value: m[3]!.trim() });
  }
  return filters.length > 0 ? { filters } : { bad: s };
}

/** Which operators each type of field can be filtered with. */
export const OPS_BY_TYPE: Record<FieldType, readonly FieldFilterOp[]> = {
  text: ["=", "~"],
  number: ["=", ">=", "<="],
  money: ["=", ">=", "<="],
  date: ["=", ">=", "<="],
  choice: ["="],
  boolean: ["="],
};

export const zFieldFilterParam = z.string().trim().min(1).max(500);

/** The filters written back into the address. */
export function formatFieldFilters(filters: readonly FieldFilter[]): string {
  return filters.map((f) => `${f.key}${f.op}${f.value}`).join(";");
}
