/**
 * Who answers a matter and who reviews the answer (信访工作条例 第三十二条、第三十五条、第三十六条).
 * The lead unit that handled the matter issues the 处理意见书 in its own name and with its own
 * numbers; the petition bureau answers only where it was the handling body itself (nothing was
 * assigned). Review (复查) goes to the answering body's superior, reexamination (复核) to the
 * reviewer's superior — each unit's `reviewing_unit_id`; none means a body outside the county's
 * system, to which the request is referred.
 */
import type { Queryable } from "../db/index.ts";

export interface Body {
  /** The unit in the network, or null for a body outside it. */
  unitId: string | null;
  kind: string | null;
  /** Its full name as a letter prints it (示范县人力资源和社会保障局, 示范县人民政府). */
  name: string;
  /** Its own answer-number prefix (示人社信复), units only. */
  prefix: string | null;
}

interface UnitRow {
  id: string;
  kind: string;
  name: string;
  path: string;
  doc_prefix: string | null;
  reviewing_unit_id: string | null;
  county_name: string;
}

// Customary short names of county departments, for the default number prefix (the unit's own
// setting `doc_prefix` wins).
const SHORT_NAMES: readonly [string, string][] = [
  ["人力资源和社会保障", "人社"],
  ["住房和城乡建设", "住建"],
  ["自然资源", "自然资源"],
  ["农业农村", "农业"],
  ["退役军人事务", "退役"],
  ["人民政府办公室", "政办"],
  ["政府办公室", "政办"],
  ["市场监督管理", "市监"],
  ["生态环境", "环境"],
];

async function unitRow(q: Queryable, id: string): Promise<UnitRow | undefined> {
  return (
    await q.query<UnitRow>(
      `SELECT u.id, u.kind, u.name, u.path, u.doc_prefix, u.reviewing_unit_id, c.name AS county_name
         FROM org_units u JOIN org_units c ON c.kind = 'county' AND c.path = split_part(u.path, '.', 1)
        WHERE u.id = $1`,
      [id],
    )
  ).rows[0];
}

/** The full name: the county unit acts as its people's government; a 县… unit gets the county's name. */
export function fullName(kind: string, name: string, countyName: string): string {
  if (kind === "county") return name.endsWith("人民政府") ? name : `${name}人民政府`;
  if (name.startsWith(countyName)) return name;
  if (name.startsWith("县")) return `${countyName}${name.slice(1)}`;
  return `${countyName}${name}`;
}

/** The default prefix: the county's first character, the unit's short name, 信复 (信访答复). */
export function defaultPrefix(kind: string, name: string, countyName: string): string {
  let short = name.startsWith(countyName) ? name.slice(countyName.length) : name.replace(/^县/, "");
  if (kind === "county") short = "政";
  for (const [long, abbr] of SHORT_NAMES) if (short.startsWith(long)) short = abbr;
  short = short.replace(/(局|委员会|委|办公室|办|人民政府|镇|乡|街道办事处|街道)$/, "") || short;
  return `${countyName.slice(0, 1)}${short}信复`;
}

function bodyOf(u: UnitRow): Body {
  return {
    unitId: u.id,
    kind: u.kind,
    name: fullName(u.kind, u.name, u.county_name),
    prefix: u.doc_prefix ?? defaultPrefix(u.kind, u.name, u.county_name),
  };
}

/** The unit that answers: the case's lead unit, else the county's petition bureau. */
export async function answeringBody(
  q: Queryable,
  row: { lead_unit_id: string | null; region_path: string },
): Promise<Body> {
  const id =
    row.lead_unit_id ??
    (
      await q.query<{ id: string }>(
        `SELECT id FROM org_units WHERE kind = 'bureau' AND starts_with(path, $1 || '.') ORDER BY path LIMIT 1`,
        [row.region_path.split(".")[0]],
      )
    ).rows[0]?.id;
  const u = id ? await unitRow(q, id) : undefined;
  if (!u) return { unitId: null, kind: null, name: "信访工作机构", prefix: null };
  return bodyOf(u);
}

/** The superior of a body: its reviewing unit in the network, or the body outside it (named by the pack). */
export async function superiorOf(q: Queryable, body: Body, outsideName: string): Promise<Body> {
  const u = body.unitId ? await unitRow(q, body.unitId) : undefined;
  const sup = u?.reviewing_unit_id ? await unitRow(q, u.reviewing_unit_id) : undefined;
  if (sup) return bodyOf(sup);
  return { unitId: null, kind: null, name: outsideName, prefix: null };
}

/**
 * The next number of a unit's answers in a year, e.g. 示人社信复〔2026〕3号: one counter row per
 * unit and year, incremented under its row lock in the caller's transaction — two issues at once
 * wait for each other, and a rolled-back issue leaves no gap.
 */
export async function nextDocumentNumber(q: Queryable, body: Body, year: number): Promise<string | null> {
  if (!body.unitId || !body.prefix) return null;
  const { rows } = await q.query<{ last_no: number }>(
    `INSERT INTO document_number_counters (unit_id, year, last_no) VALUES ($1, $2, 1)
     ON CONFLICT (unit_id, year) DO UPDATE SET last_no = document_number_counters.last_no + 1
     RETURNING last_no`,
    [body.unitId, year],
  );
  return `${body.prefix}〔${year}〕${rows[0]!.last_no}号`;
}

/**
 * Where a case's review (复查) or reexamination (复核) goes: the answering body's superior, or that
 * superior's own superior. `unitId` null: a body outside the county's system.
 */
export async function appealBodyOf(
  q: Queryable,
  caseId: string,
  stage: "review" | "reexam",
  outsideName: string,
): Promise<Body> {
  const row = (
    await q.query<{ lead_unit_id: string | null; region_path: string }>(
      `SELECT (SELECT a.unit_id FROM case_assignments a WHERE a.case_id = c.id AND a.role = 'lead'
                 AND a.status <> 'returned') AS lead_unit_id, c.region_path
         FROM cases c WHERE c.id = $1`,
      [caseId],
    )
  ).rows[0];
  if (!row) throw new Error(`no case ${caseId}`);
  const reviewer = await superiorOf(q, await answeringBody(q, row), outsideName);
  return stage === "review" ? reviewer : superiorOf(q, reviewer, outsideName);
}
