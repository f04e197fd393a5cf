/**
 * Which columns of the case list show, in which order — the user's choice, remembered in this
 * browser (localStorage). Pure functions here; the page renders from them.
 */
export const CASE_COLUMN_KEYS = [
  "caseNumber",
  "title",
  "firstPetitionerName",
  "channel",
  "status",
  "regionName",
  "headcount",
  "receivedAt",
] as const;
export type CaseColumnKey = (typeof CASE_COLUMN_KEYS)[number];

export interface ColumnSetting {
  key: CaseColumnKey;
  visible: boolean;
}

export const COLUMN_STORAGE_KEY = "xf.caseList.columns";

export function defaultColumns(): ColumnSetting[] {
  return CASE_COLUMN_KEYS.map((key) => ({ key, visible: true }));
}

/**
 * The stored choice, repaired: unknown keys dropped, duplicates dropped, columns added since the
 * choice was stored appended visible, and the case number always visible (it is the link).
 */
export function parseColumns(raw: string | null): ColumnSetting[] {
  let stored: unknown;
  try {
    stored = raw ? JSON.parse(raw) : null;
  } catch {
    stored = null;
  }
  if (!Array.isArray(stored)) return defaultColumns();
  const out: ColumnSetting[] = [];
  for (const item of stored) {
    if (typeof item !== "object" || item === null) continue;
    const { key, visible } = item as { key?: unknown; visible?: unknown };
    if (typeof key !== "string" || !(CASE_COLUMN_KEYS as readonly string[]).includes(key)) continue;
    if (out.some((c) => c.key === key)) continue;
    out.push({ key: key as CaseColumnKey, visible: key === "caseNumber" ? true : visible !== false });
  }
  for (const key of CASE_COLUMN_KEYS) if (!out.some((c) => c.key === key)) out.push({ key, visible: true });
  return out;
}

export function toggleColumn(cols: readonly ColumnSetting[], key: CaseColumnKey): ColumnSetting[] {
  return cols.map((c) => (c.key === key && key !== "caseNumber" ? { ...c, visible: !c.visible } : c));
}

/** Moves a column one place up (-1) or down (+1); at an end it stays. */
export function moveColumn(cols: readonly ColumnSetting[], key: CaseColumnKey, by: -1 | 1): ColumnSetting[] {
  const i = cols.findIndex((c) => c.key === key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= cols.length) return [...cols];
  const next = [...cols];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** The columns to render, in the chosen order. */
export function visibleColumns<T extends { key: CaseColumnKey }>(
  all: readonly T[],
  cols: readonly ColumnSetting[],
): T[] {
  return cols.filter((c) => c.visible).flatMap((c) => all.filter((a) => a.key === c.key));
}
