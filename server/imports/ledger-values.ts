/**
 * What a ledger's names become: categories and units by name, then by the user's choices in this
 * import, then by the choices remembered from earlier ones; 其他 / unassigned with --yes; else
 * they wait for a choice (the import is refused until every name has one). Small: one entry per
 * distinct name, however many rows.
 */
import { validateIdNumber } from "../../domain/identity/id-card.ts";
import type { Queryable } from "../db/index.ts";
import type { ImportIssue } from "./columns.ts";
import type { LedgerCheck, LedgerInfo, LedgerOptions, ParsedRow } from "./ledger.ts";

type Place = { id: string; path: string; code: string };

export interface LedgerContext {
  county: Place | null;
  bureauId: string | null;
  otherCategoryId: string | null;
  categories: { id: string; code: string; name_zh: string }[];
  units: { id: string; kind: string; name: string; path: string; region_code: string }[];
  remembered: Map<string, string | null>;
}

export async function loadLedgerContext(q: Queryable): Promise<LedgerContext> {
  const units = (
    await q.query<LedgerContext["units"][number]>(
      "SELECT id, kind, name, path, region_code FROM org_units WHERE is_active ORDER BY length(path), path",
    )
  ).rows;
  const countyRow = units.find((u) => u.kind === "county");
  const categories = (
    await q.query<LedgerContext["categories"][number]>(
      "SELECT id, code, name_zh FROM categories WHERE is_active",
    )
  ).rows;
  const remembered = new Map<string, string | null>();
  for (const x of (
    await q.query<{ kind: string; value: string; target_id: string | null }>(
      "SELECT kind, value, target_id FROM ledger_value_mappings",
    )
  ).rows)
    remembered.set(`${x.kind}\u0001${x.value}`, x.target_id);
  return {
    county: countyRow ? { id: countyRow.id, path: countyRow.path, code: countyRow.region_code } : null,
    bureauId: units.find((u) => u.kind === "bureau")?.id ?? null,
    otherCategoryId: categories.find((c) => c.code === "other")?.id ?? null,
    categories,
    units,
    remembered,
  };
}

/** "?" marks a name that waits for a choice. */
const WAITING = "?";

export type ValueResolver = ReturnType<typeof valueResolver>;

export function valueResolver(
  ctx: LedgerContext,
  o: LedgerOptions,
  info: LedgerInfo,
  chosen: LedgerCheck["chosen"],
) {
  const catByName = new Map<string, string>();
  for (const c of ctx.categories) {
    catByName.set(c.name_zh, c.id);
    catByName.set(c.code, c.id);
  }
  const unitByName = new Map<string, string>();
  for (const u of ctx.units) if (u.kind !== "group" && !unitByName.has(u.name)) unitByName.set(u.name, u.id);
  const regionByName = new Map<string, Place>();
  for (const u of ctx.units)
    if (["township", "village"].includes(u.kind) && !regionByName.has(u.name))
      regionByName.set(u.name, { id: u.id, path: u.path, code: u.region_code });
  const validCategory = new Set(ctx.categories.map((c) => c.id));
  const validUnit = new Set(ctx.units.map((u) => u.id));
  const categoryIds = new Map<string, string | null>();
  const unitIds = new Map<string, string | null>();
  let waiting = 0;

  const resolveName = (
    kind: "category" | "unit",
    name: string,
    ids: Map<string, string | null>,
    byName: Map<string, string>,
    valid: Set<string>,
  ) => {
    if (!name || ids.has(name)) return;
    const byNameId = byName.get(name);
    const g = o.values?.[kind === "category" ? "categories" : "units"]?.[name];
    const rem = ctx.remembered.get(`${kind}\u0001${name}`);
    if (byNameId) ids.set(name, byNameId);
    else if (g !== undefined && (g === null || valid.has(g))) {
      ids.set(name, g);
      chosen.push([kind, name, g]);
    } else if (rem !== undefined && (rem === null || valid.has(rem))) ids.set(name, rem);
    else {
      (kind === "category" ? info.unknownCategories : info.unknownUnits).push(name);
      ids.set(name, o.yes ? null : WAITING);
      if (o.yes) (kind === "category" ? info.defaultedCategories : info.defaultedUnits).push(name);
      else waiting++;
    }
  };
  const givenCategory = (name: string) => o.values?.categories?.[name];

  return {
    add(p: ParsedRow) {
      resolveName("category", p.category, categoryIds, catByName, validCategory);
      resolveName("unit", p.unit, unitIds, unitByName, validUnit);
    },
    /** Names that still wait for a choice. */
    unresolved: () => waiting,
    /** What the report says of a row to import; counts the ID numbers failing GB 11643. */
    notes(p: ParsedRow): string {
      const notes: string[] = [];
      if (p.idNumber && !validateIdNumber(p.idNumber).ok) {
        info.unverifiedIds++;
        notes.push("身份证号未通过校验（GB 11643），已保留并标记（ID number fails GB 11643: kept, flagged）");
      }
      if (p.category && categoryIds.get(p.category) === null && !givenCategory(p.category))
        notes.push(`问题类别「${p.category}」记为其他（category recorded as 其他）`);
      if (p.unit && unitIds.get(p.unit) === null)
        notes.push(`责任单位「${p.unit}」未指定（unit left unassigned）`);
      if (p.region && !regionByName.has(p.region))
        notes.push(`问题属地「${p.region}」未找到，记为全县（region not found: the county）`);
      return notes.join("；");
    },
    categoryId(p: ParsedRow): string | null {
      if (!p.category) return null;
      const id = categoryIds.get(p.category);
      return id === undefined || id === WAITING ? null : (id ?? ctx.otherCategoryId);
    },
    unitId(p: ParsedRow): string | null {
      const id = p.unit ? unitIds.get(p.unit) : null;
      return id === undefined || id === WAITING ? null : id;
    },
    region(p: ParsedRow): Place {
      return (p.region && regionByName.get(p.region)) || ctx.county!;
    },
    /** The names that wait for a choice, as problems of the whole file. */
    finish(table: { sheet: string }, issues: ImportIssue[]) {
      const cats = info.unknownCategories.filter((c) => categoryIds.get(c) === WAITING);
      const units = info.unknownUnits.filter((u) => unitIds.get(u) === WAITING);
      const issue = (zh: string, en: string) => ({ sheet: table.sheet, row: null, column: null, zh, en });
      if (cats.length)
        issues.push(
          issue(
            `问题类别无法对应：${cats.join("、")}。请为每个选择系统中的类别（或“其他”），或用 --yes 记为“其他”`,
            `categories that match none: ${cats.join(", ")}; choose one for each (or 其他), or --yes for 其他`,
          ),
        );
      if (units.length)
        issues.push(
          issue(
            `责任单位无法对应：${units.join("、")}。请为每个选择系统中的单位（或“不指定”），或用 --yes 不指定`,
            `units that match none: ${units.join(", ")}; choose one for each (or none), or --yes for none`,
          ),
        );
    },
  };
}
