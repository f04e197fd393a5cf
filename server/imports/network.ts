/**
 * Importing the org network (四级网络): townships, villages, groups and departments under the
 * county that `xinfang setup` made. Every row is checked against the file and the database first
 * (the same kind-under-kind and region-code rules as adding a unit by hand, server/routes/org/units.ts);
 * a unit is matched by its region code (township, village) or by its parent and name (group,
 * department), so the same file imported again changes nothing and a renamed row renames its unit.
 */
import type { Queryable } from "../db/index.ts";
import { PARENT_KINDS, regionCodeProblem } from "../routes/org/units.ts";
import { type ColumnSpec, type ImportIssue, issueAt, mapColumns, textProblem } from "./columns.ts";
import type { Table, TableRow } from "./read-table.ts";

export type ImportedKind = "township" | "village" | "group" | "department";

const KIND_NAMES: Record<string, ImportedKind> = {
  乡镇: "township",
  乡: "township",
  镇: "township",
  街道: "township",
  乡镇街道: "township",
  township: "township",
  村: "village",
  社区: "village",
  村社区: "village",
  "村（社区）": "village",
  "村(社区)": "village",
  village: "village",
  组: "group",
  小组: "group",
  村民小组: "group",
  group: "group",
  部门: "department",
  单位: "department",
  县直部门: "department",
  乡镇站所: "department",
  department: "department",
};

export const NETWORK_COLUMNS = [
  { key: "name", headers: ["单位名称", "名称", "单位"], required: true },
  { key: "kind", headers: ["单位类型", "类型", "层级"], required: true },
  { key: "regionCode", headers: ["行政区划代码", "区划代码", "代码"], required: true },
  { key: "parentName", headers: ["上级单位", "上级", "上级单位名称"], required: false },
  // 复查机关 (条例 第三十五条): blank keeps the default (the county government for departments and
  // townships); a county-level unit's name, 县人民政府, or 系统外 for a superior outside the system.
  { key: "reviewing", headers: ["复查机关", "复查上级机关", "上一级机关"], required: false },
] as const satisfies readonly ColumnSpec<string>[];

interface ExistingUnit {
  id: string;
  parent_id: string | null;
  kind: string;
  path: string;
  name: string;
  region_code: string;
}

/** A unit the import will create, or one it matched (`id` set). */
interface PlannedUnit {
  row: number | null;
  id: string | null;
  kind: string;
  name: string;
  regionCode: string;
  path: string | null;
  parent: PlannedUnit | null;
  /** The name it has now, when the file renames it. */
  renameFrom: string | null;
  valid: boolean;
}

export interface NetworkPlan {
  issues: ImportIssue[];
  rows: number;
  create: { row: number; kind: string; name: string; regionCode: string; path: string; parentPath: string }[];
  rename: { row: number; id: string; path: string; from: string; to: string }[];
  unchanged: number;
  /** Reviewing superiors named in the file: the unit's path, the superior's id (null: outside the system). */
  reviewing: { row: number; path: string; reviewerId: string | null }[];
  /** Rows with a problem (not written; with --skip-invalid the others are). */
  invalidRows: number;
}

/** Checks every row of the file against itself and the database; writes nothing. */
export async function planNetwork(q: Queryable, table: Table): Promise<NetworkPlan> {
  const { columns, issues } = mapColumns(table, NETWORK_COLUMNS);
  const empty: NetworkPlan = {
    issues,
    rows: table.rows.length,
    create: [],
    rename: [],
    unchanged: 0,
    reviewing: [],
    invalidRows: 0,
  };
  if (table.rows.length === 0)
    issues.push({
      sheet: table.sheet,
      row: null,
      column: null,
      zh: "表中没有数据行（第1行是表头）",
      en: "the sheet has no data rows (row 1 is the header)",
    });
  if (issues.length) return { ...empty, invalidRows: table.rows.length };
  const existing = (
    await q.query<ExistingUnit>(
      "SELECT id, parent_id, kind, path, name, region_code FROM org_units ORDER BY path",
    )
  ).rows;
  const county = existing.find((u) => u.kind === "county");
  if (!county) {
    issues.push({
      sheet: table.sheet,
      row: null,
      column: null,
      zh: "系统中还没有县级单位：请先运行 npm run xinfang -- setup",
      en: "there is no county yet: run npm run xinfang -- setup first",
    });
    return { ...empty, invalidRows: table.rows.length };
  }
  const byId = new Map(existing.map((u) => [u.id, u]));
  const asPlanned = new Map<string, PlannedUnit>();
  const plannedOf = (u: ExistingUnit): PlannedUnit => {
    let p = asPlanned.get(u.id);
    if (!p) {
      const parent = u.parent_id ? byId.get(u.parent_id) : undefined;
      p = {
        row: null,
        id: u.id,
        kind: u.kind,
        name: u.name,
        regionCode: u.region_code,
        path: u.path,
        parent: parent ? plannedOf(parent) : null,
        renameFrom: null,
        valid: true,
      };
      asPlanned.set(u.id, p);
    }
    return p;
  };
  const dbByCode = new Map<string, ExistingUnit>();
  const dbByParentName = new Map<string, ExistingUnit>();
  for (const u of existing) {
    if (u.kind === "township" || u.kind === "village") dbByCode.set(u.region_code, u);
    if (u.parent_id) dbByParentName.set(`${u.parent_id}|${u.kind}|${u.name}`, u);
  }

  // 1. Each row on its own: the cells.
  interface Draft {
    r: TableRow;
    name: string;
    kind: ImportedKind;
    code: string;
    parentName: string;
    reviewerId: string | null | undefined;
    unit: PlannedUnit | null;
    ok: boolean;
  }
  // Who may be named as a reviewing superior: the county (as its government) and the county-level units.
  const reviewers = new Map<string, string[]>();
  for (const u of existing) {
    if (!["county", "bureau", "department"].includes(u.kind) || u.path.split(".").length > 2) continue;
    const names = u.kind === "county" ? [u.name, `${u.name}人民政府`, "县人民政府", "县政府"] : [u.name];
    for (const n of names) reviewers.set(n, [...(reviewers.get(n) ?? []), u.id]);
  }
  const bad = new Set<number>();
  const fail = (
    r: TableRow,
    key: (typeof NETWORK_COLUMNS)[number]["key"] | null,
    p: { zh: string; en: string },
  ) => {
    issues.push(issueAt(table, r, key ? columns.label(key) : null, p));
    bad.add(r.row);
  };
  const drafts: Draft[] = [];
  for (const r of table.rows) {
    const nameCell = columns.cell(r, "name");
    const nameProblem = textProblem(nameCell, 100, true);
    if (nameProblem) fail(r, "name", nameProblem);
    const kindCell = columns.cell(r, "kind");
    const kindText = kindCell.text.trim().replace(/\s/g, "");
    const kind = KIND_NAMES[kindText] ?? KIND_NAMES[kindText.toLowerCase()];
    if (kindCell.isFormula) fail(r, "kind", textProblem(kindCell, 20, true)!);
    else if (kindText === "县" || kindText === "county" || kindText === "信访局" || kindText === "bureau")
      fail(r, "kind", {
        zh: "县和信访局由 setup 建立，不能导入",
        en: "the county and the bureau are made by setup, not imported",
      });
    else if (!kind)
      fail(r, "kind", {
        zh: `单位类型「${kindText}」无法识别，应为 乡镇、村（社区）、村民小组 或 部门`,
        en: `unknown unit kind "${kindText}": township (乡镇), village (村（社区）), group (村民小组) or department (部门)`,
      });
    const codeCell = columns.cell(r, "regionCode");
    const code = codeCell.text.trim();
    if (codeCell.isFormula) fail(r, "regionCode", textProblem(codeCell, 12, true)!);
    else if (!/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/.test(code))
      fail(r, "regionCode", {
        zh: `区划代码「${code}」应为6、9或12位数字（GB/T 2260；在 Excel 中请设为文本，以免丢失开头的0）`,
        en: `region code "${code}" must be 6, 9 or 12 digits (GB/T 2260; make the column text in Excel so leading zeros stay)`,
      });
    const parentCell = columns.cell(r, "parentName");
    const parentProblem = textProblem(parentCell, 100, false);
    if (parentProblem) fail(r, "parentName", parentProblem);
    const reviewingCell = columns.cell(r, "reviewing");
    const reviewingText = reviewingCell.text.trim();
    let reviewerId: string | null | undefined;
    const reviewingProblem = textProblem(reviewingCell, 100, false);
    if (reviewingProblem) fail(r, "reviewing", reviewingProblem);
    else if (reviewingText === "系统外" || reviewingText === "无") reviewerId = null;
    else if (reviewingText) {
      const ids = reviewers.get(reviewingText) ?? [];
      if (ids.length === 1) reviewerId = ids[0];
      else
        fail(r, "reviewing", {
          zh: `复查机关「${reviewingText}」${ids.length ? "不唯一" : "不是系统中的县级单位"}：填写县人民政府、县直单位名称，或“系统外”`,
          en: `reviewing body "${reviewingText}" is ${ids.length ? "ambiguous" : "not a county-level unit of the system"}: give 县人民政府, a county unit's name, or 系统外 (outside the system)`,
        });
    }
    drafts.push({
      r,
      reviewerId,
      name: nameCell.text.trim(),
      kind: kind ?? "department",
      code,
      parentName: parentCell.text.trim(),
      unit: null,
      ok: !bad.has(r.row),
    });
  }

  // 2. Townships and villages of the file by code (the parents of the rest); duplicates refused.
  const fileByCode = new Map<string, Draft>();
  for (const d of drafts) {
    if (!d.ok || (d.kind !== "township" && d.kind !== "village")) continue;
    const first = fileByCode.get(d.code);
    if (first) {
      fail(d.r, "regionCode", {
        zh: `区划代码 ${d.code} 与第${first.r.row}行重复`,
        en: `region code ${d.code} repeats row ${first.r.row}`,
      });
      d.ok = false;
    } else fileByCode.set(d.code, d);
  }

  // 3. Parents, region codes and matches, parents before children.
  const depth: Record<ImportedKind, number> = { township: 1, department: 2, village: 2, group: 3 };
  const ordered = [...drafts].sort((a, b) => depth[a.kind] - depth[b.kind] || a.r.row - b.r.row);
  const countyUnit = plannedOf(county);
  const fileByParentName = new Map<string, Draft>();
  for (const d of ordered) {
    if (!d.ok) continue;
    let parent: PlannedUnit | null = null;
    let parentRow: Draft | undefined;
    const parentCode =
      d.kind === "township" ? county.region_code : d.kind === "village" ? d.code.slice(0, 9) : d.code;
    const byLength = { 6: "county", 9: "township", 12: "village" } as const;
    const parentKind: "county" | "township" | "village" =
      d.kind === "township"
        ? "county"
        : d.kind === "village"
          ? "township"
          : byLength[d.code.length as 6 | 9 | 12];
    if (parentKind === "county") parent = countyUnit;
    else {
      parentRow = fileByCode.get(parentCode);
      if (parentRow && parentRow.kind === parentKind) parent = parentRow.unit;
      else {
        parentRow = undefined;
        const inDb = dbByCode.get(parentCode);
        if (inDb && inDb.kind === parentKind) parent = plannedOf(inDb);
      }
    }
    if (!PARENT_KINDS[d.kind].includes(parentKind)) {
      fail(d.r, "regionCode", {
        zh: "村民小组、部门的区划代码与其上级（村 / 县或乡镇）相同",
        en: "a group or department carries its parent's code (village / county or township)",
      });
      d.ok = false;
      continue;
    }
    if (parentRow && !parentRow.ok) {
      fail(d.r, "regionCode", {
        zh: `上级单位在第${parentRow.r.row}行，该行有错误`,
        en: `the parent is row ${parentRow.r.row}, which has a problem`,
      });
      d.ok = false;
      continue;
    }
    if (!parent) {
      const what = { county: "县", township: "乡镇", village: "村（社区）" }[parentKind];
      fail(d.r, "regionCode", {
        zh: `找不到上级单位：区划代码 ${parentCode} 的${what}既不在文件中，也不在系统中`,
        en: `no parent: the ${parentKind} with region code ${parentCode} is neither in the file nor in the system`,
      });
      d.ok = false;
      continue;
    }
    const problem = regionCodeProblem(d.kind, parent.regionCode, d.code);
    if (problem) {
      fail(d.r, "regionCode", {
        zh: `区划代码 ${d.code} 不符合要求：乡镇9位、村12位，均以上级代码开头`,
        en: problem,
      });
      d.ok = false;
      continue;
    }
    if (d.parentName && d.parentName !== parent.name) {
      fail(d.r, "parentName", {
        zh: `上级单位「${d.parentName}」与区划代码对应的「${parent.name}」不一致`,
        en: `the parent "${d.parentName}" is not "${parent.name}", the unit of that region code`,
      });
      d.ok = false;
      continue;
    }
    if (d.kind === "township" || d.kind === "village") {
      const match = dbByCode.get(d.code);
      if (match && match.kind !== d.kind) {
        fail(d.r, "regionCode", {
          zh: `区划代码 ${d.code} 在系统中已是另一类单位`,
          en: `region code ${d.code} is another kind of unit in the system`,
        });
        d.ok = false;
        continue;
      }
      d.unit = match
        ? {
            ...plannedOf(match),
            row: d.r.row,
            renameFrom: match.name !== d.name ? match.name : null,
            name: d.name,
          }
        : {
            row: d.r.row,
            id: null,
            kind: d.kind,
            name: d.name,
            regionCode: d.code,
            path: null,
            parent,
            renameFrom: null,
            valid: true,
          };
    } else {
      const key = `${parent.id ?? `row${parent.row}`}|${d.kind}|${d.name}`;
      const first = fileByParentName.get(key);
      if (first) {
        fail(d.r, "name", {
          zh: `与第${first.r.row}行重复（同一上级下同名同类单位）`,
          en: `repeats row ${first.r.row} (same name and kind under the same parent)`,
        });
        d.ok = false;
        continue;
      }
      fileByParentName.set(key, d);
      const match = parent.id ? dbByParentName.get(`${parent.id}|${d.kind}|${d.name}`) : undefined;
      d.unit = match
        ? { ...plannedOf(match), row: d.r.row }
        : {
            row: d.r.row,
            id: null,
            kind: d.kind,
            name: d.name,
            regionCode: d.code,
            path: null,
            parent,
            renameFrom: null,
            valid: true,
          };
    }
  }

  // 4. Paths for the new units: t001 / v201 from the region code, d1, g1 … under their parent.
  const paths = new Set(existing.map((u) => u.path));
  const create: NetworkPlan["create"] = [];
  const rename: NetworkPlan["rename"] = [];
  let unchanged = 0;
  for (const d of ordered) {
    if (!d.ok || !d.unit) continue;
    const u = d.unit;
    if (u.id) {
      if (u.renameFrom !== null)
        rename.push({ row: d.r.row, id: u.id, path: u.path!, from: u.renameFrom, to: u.name });
      else unchanged++;
      continue;
    }
    const parentPath = u.parent!.path!;
    const stem =
      d.kind === "township" ? `t${d.code.slice(6)}` : d.kind === "village" ? `v${d.code.slice(9)}` : null;
    let path = stem ? `${parentPath}.${stem}` : "";
    for (let n = 1; !path || paths.has(path); n++)
      path = `${parentPath}.${stem ?? (d.kind === "group" ? "g" : "d")}${stem ? `_${n}` : n}`;
    paths.add(path);
    u.path = path;
    create.push({ row: d.r.row, kind: d.kind, name: u.name, regionCode: u.regionCode, path, parentPath });
  }
  const reviewing: NetworkPlan["reviewing"] = [];
  for (const d of ordered)
    if (d.ok && d.unit?.path && d.reviewerId !== undefined)
      reviewing.push({ row: d.r.row, path: d.unit.path, reviewerId: d.reviewerId });
  return { issues, rows: table.rows.length, create, rename, unchanged, reviewing, invalidRows: bad.size };
}

/** Writes the plan: new units level by level (one statement each), renames in one. */
export async function applyNetwork(tx: Queryable, plan: NetworkPlan, now: Date): Promise<void> {
  const byDepth = new Map<number, NetworkPlan["create"]>();
  for (const c of plan.create) {
    const n = c.path.split(".").length;
    byDepth.set(n, [...(byDepth.get(n) ?? []), c]);
  }
  for (const n of [...byDepth.keys()].sort((a, b) => a - b)) {
    await tx.query(
      `INSERT INTO org_units (parent_id, kind, path, name, region_code, created_at)
       SELECT p.id, r.kind, r.path, r.name, r.region_code, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(parent_path text, kind text, path text, name text, region_code text)
         JOIN org_units p ON p.path = r.parent_path`,
      [
        JSON.stringify(
          byDepth.get(n)!.map((c) => ({
            parent_path: c.parentPath,
            kind: c.kind,
            path: c.path,
            name: c.name,
            region_code: c.regionCode,
          })),
        ),
        now,
      ],
    );
  }
  if (plan.rename.length)
    await tx.query(
      `UPDATE org_units o SET name = r.name
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text) WHERE o.id = r.id`,
      [JSON.stringify(plan.rename.map((r) => ({ id: r.id, name: r.to })))],
    );
  if (plan.reviewing.length)
    await tx.query(
      `UPDATE org_units o SET reviewing_unit_id = r.reviewer_id
         FROM jsonb_to_recordset($1::jsonb) AS r(path text, reviewer_id uuid) WHERE o.path = r.path`,
      [JSON.stringify(plan.reviewing.map((r) => ({ path: r.path, reviewer_id: r.reviewerId })))],
    );
}
