import {
  DEMO_ROUTES,
  DEMO_TOWNSHIPS,
  fromPractice,
  TOWNSHIP_MATTERS,
  unitsByName,
} from "../../domain/triage/routing.ts";
import type { Queryable } from "../db/index.ts";
import { routeFor } from "./model-store.ts";

/** Fills the routing catalogue of the demo county: every leaf category, townships by region. */
export async function seedDemoRouting(q: Queryable): Promise<number> {
  let n = 0;
  for (const [code, unitPath] of Object.entries(DEMO_ROUTES)) {
    const rows: [string | null, string][] = [[null, unitPath]];
    if (TOWNSHIP_MATTERS.includes(code))
      for (const [region, town] of Object.entries(DEMO_TOWNSHIPS)) rows.push([region, town]);
    for (const [region, path] of rows) {
      const res = await q.query(
        `INSERT INTO routing_rules (category_id, region_code, unit_id, note)
         SELECT c.id, $2, o.id, $4 FROM categories c, org_units o
          WHERE c.code = $1 AND o.path = $3
            AND NOT EXISTS (SELECT 1 FROM routing_rules r WHERE r.category_id = c.id AND COALESCE(r.region_code, '') = COALESCE($2, ''))`,
        [code, region, path, region ? "村内事项属地办理（示范县）" : "示范县默认派单目录"],
      );
      n += res.rowCount;
    }
  }
  return n;
}

export interface UnitSuggestion {
  unitId: string;
  unitName: string;
  /** catalogue: the bureau's routing rule; practice: its own assignments; names: a department's name. */
  source: "route_out" | "catalogue" | "practice" | "names";
  ruleId: string | null;
  byParentCategory: boolean;
  /** Why, in Chinese, for the registrar. */
  reason: string;
  /** For practice: how many assignments of this kind went to this unit. */
  count: number | null;
}

/**
 * The handling unit for a category and region. The bureau's own practice (its lead assignments of
 * the same category, in the same township when the region names one) comes first once there are
 * enough; then its catalogue; with neither, a department whose name fits the category.
 */
export async function suggestUnits(
  q: Queryable,
  categoryId: string,
  categoryCode: string,
  region: string | null,
): Promise<UnitSuggestion[]> {
  const out: UnitSuggestion[] = [];
  const practice = await practiceFor(q, categoryId, region);
  if (practice) out.push(practice);
  const rule = await routeFor(q, categoryId, region);
  if (rule && !out.some((o) => o.unitId === rule.unitId)) {
    out.push({
      unitId: rule.unitId,
      unitName: rule.unitName,
      source: "catalogue",
      ruleId: rule.ruleId,
      byParentCategory: rule.byParentCategory,
      reason: rule.regionCode ? `派单目录（按属地 ${rule.regionCode}）` : "派单目录",
      count: null,
    });
  }
  if (out.length === 0) {
    const { rows } = await q.query<{ id: string; name: string }>(
      "SELECT id, name FROM org_units WHERE kind = 'department' AND is_active ORDER BY path",
    );
    for (const m of unitsByName(rows, categoryCode).slice(0, 2)) {
      out.push({
        unitId: m.unit.id,
        unitName: m.unit.name,
        source: "names",
        ruleId: null,
        byParentCategory: false,
        reason: `单位名称含「${m.hint}」（尚未设置派单目录）`,
        count: null,
      });
    }
  }
  return out;
}

async function practiceFor(
  q: Queryable,
  categoryId: string,
  region: string | null,
): Promise<UnitSuggestion | null> {
  const town = region && region.length >= 9 ? region.slice(0, 9) : null;
  const count = (byTown: boolean) =>
    q.query<{ unit_id: string; unit_name: string; n: number }>(
      `SELECT a.unit_id, o.name AS unit_name, count(*)::int AS n
         FROM case_assignments a JOIN cases c ON c.id = a.case_id JOIN org_units o ON o.id = a.unit_id
        WHERE a.role = 'lead' AND c.category_id = $1 AND o.is_active
          AND ($2::text IS NULL OR starts_with(COALESCE(c.problem_region_code, ''), $2::text))
        GROUP BY a.unit_id, o.name`,
      [categoryId, byTown ? town : null],
    );
  for (const byTown of town ? [true, false] : [false]) {
    const { rows } = await count(byTown);
    const best = fromPractice(rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, n: r.n })));
    if (best) {
      const total = rows.reduce((a, r) => a + r.n, 0);
      return {
        unitId: best.unitId,
        unitName: best.unitName,
        source: "practice",
        ruleId: null,
        byParentCategory: false,
        reason: `本局同类${byTown ? "同乡镇" : ""}事项 ${total} 件中 ${best.n} 件交此单位办理`,
        count: best.n,
      };
    }
  }
  return null;
}

const ROUTE_OUT_NAMES = {
  legal_channel: ["政法委", "政法"],
  discipline_inspection: ["纪委监委", "纪委", "监委", "纪检"],
} as const;

/** The units that take over a matter leaving the petition route (县委政法委, 县纪委监委), if the bureau has them. */
export async function routeOutUnits(
  q: Queryable,
  routes: readonly (keyof typeof ROUTE_OUT_NAMES)[],
): Promise<UnitSuggestion[]> {
  if (routes.length === 0) return [];
  const { rows } = await q.query<{ id: string; name: string }>(
    "SELECT id, name FROM org_units WHERE kind = 'department' AND is_active ORDER BY path",
  );
  const out: UnitSuggestion[] = [];
  // An accusation against an official comes before the court channel: it names who must not handle it.
  const ordered = (["discipline_inspection", "legal_channel"] as const).filter((r) => routes.includes(r));
  for (const route of ordered) {
    const unit = ROUTE_OUT_NAMES[route].map((n) => rows.find((r) => r.name.includes(n))).find((u) => u);
    if (unit && !out.some((o) => o.unitId === unit.id))
      out.push({
        unitId: unit.id,
        unitName: unit.name,
        source: "route_out",
        ruleId: null,
        byParentCategory: false,
        reason:
          route === "discipline_inspection"
            ? "反映公职人员问题，移交纪检监察机关"
            : "涉法涉诉事项，导入法律程序",
        count: null,
      });
  }
  return out;
}
