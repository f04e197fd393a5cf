import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Role } from "../../../domain/auth/roles.ts";
import type { TBulletinEntry } from "../../../domain/schemas/bureau/supervision.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { visibleCasesCondition } from "../../policies/case-policy.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState, today } from "../context.ts";
import { type PageReq, pagedRows } from "../page.ts";
import { AREA_KINDS, percent, recordScope, requireAnyRole, unitInArea, visibleCaseRefs } from "../scope.ts";

export interface DraftInput {
  areaUnitId: string;
  from: string;
  to: string;
  title?: string | undefined;
  remarks?: string | undefined;
  /** A unit is criticised below this satisfaction rate (percent), or with any overdue case. */
  criticiseBelow: number;
}

/**
 * Drafts a bulletin from the figures of the period: per lead handling unit, the cases assigned to
 * it in the period that the actor may read, how many ran over their limit, how many were rated
 * and how many of those dissatisfied. A unit with overdue cases or a satisfaction rate below the
 * threshold is criticised; one with cases, none overdue, and every rating satisfied or basically
 * satisfied is praised. The cases behind criticism are cited.
 */
export async function draftBulletin(tx: Queryable, ctx: BureauCtx, input: DraftInput): Promise<string> {
  checkRange(input);
  const area = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  const p = new SqlParams();
  const from = p.add(input.from);
  const to = p.add(input.to);
  const day = p.add(today(ctx.now));
  const areaRoot = p.add(area.path);
  const visible = visibleCasesCondition(ctx.actor, p);
  const { rows } = await tx.query<{
    case_id: string;
    unit_id: string;
    unit_name: string;
    is_overdue: boolean;
    unit_rating: string | null;
  }>(
    `SELECT c.id AS case_id, a.unit_id, u.name AS unit_name, c.unit_rating,
            EXISTS (SELECT 1 FROM case_clocks k WHERE k.case_id = c.id AND k.clock IN ('assigned', 'statutory')
                     AND (k.state = 'breached' OR (k.state = 'running' AND k.due_on < ${day}::date))) AS is_overdue
       FROM case_assignments a JOIN cases c ON c.id = a.case_id JOIN org_units u ON u.id = a.unit_id
      WHERE a.role = 'lead' AND a.status <> 'returned'
        AND (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date
        AND (c.region_path = ${areaRoot} OR starts_with(c.region_path, ${areaRoot} || '.'))
        AND ${visible}
      ORDER BY u.path, c.id`,
    p.values,
  );
  const units = new Map<string, TBulletinEntry>();
  const cited: { caseId: string; reason: "overdue" | "dissatisfied" }[] = [];
  for (const r of rows) {
    const e = units.get(r.unit_id) ?? {
      unitId: r.unit_id,
      unitName: r.unit_name,
      assigned: 0,
      overdue: 0,
      rated: 0,
      dissatisfied: 0,
      satisfactionRate: null,
      verdict: "none" as const,
    };
    e.assigned += 1;
    if (r.is_overdue) {
      e.overdue += 1;
      cited.push({ caseId: r.case_id, reason: "overdue" });
    }
    if (r.unit_rating) e.rated += 1;
    if (r.unit_rating === "dissatisfied") {
      e.dissatisfied += 1;
      cited.push({ caseId: r.case_id, reason: "dissatisfied" });
    }
    units.set(r.unit_id, e);
  }
  const entries = [...units.values()].map((e) => {
    const rate = percent(e.rated - e.dissatisfied, e.rated);
    const criticised = e.overdue > 0 || (rate !== null && rate < input.criticiseBelow);
    const praised = !criticised && e.rated > 0 && e.dissatisfied === 0;
    return {
      ...e,
      satisfactionRate: rate,
      verdict: criticised ? ("criticism" as const) : praised ? ("praise" as const) : ("none" as const),
    };
  });
  const title = input.title ?? `关于${input.from}至${input.to}信访事项办理情况的通报`;
  const { rows: created } = await tx.query<{ id: string }>(
    `INSERT INTO bulletins (area_unit_id, area_path, title, period_from, period_to, entries, remarks, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      area.id,
      area.path,
      title,
      input.from,
      input.to,
      JSON.stringify(entries),
      input.remarks ?? null,
      ctx.actor.id,
      ctx.now,
    ],
  );
  const id = created[0]!.id;
  if (cited.length > 0) {
    await tx.query(
      `INSERT INTO bulletin_cases (bulletin_id, case_id, reason)
       SELECT $1, x.case_id, x.reason FROM jsonb_to_recordset($2::jsonb) AS x(case_id uuid, reason text)`,
      [id, JSON.stringify(cited.map((c) => ({ case_id: c.caseId, reason: c.reason })))],
    );
  }
  await auditBureau(tx, ctx, "bulletin_draft", "bulletin", id, {
    from: input.from,
    to: input.to,
    units: entries.length,
  });
  return id;
}

interface BulletinRow {
  id: string;
  bulletin_number: string | null;
  title: string;
  period_from: string;
  period_to: string;
  entries: TBulletinEntry[];
  remarks: string | null;
  status: "draft" | "issued";
  issued_at: Date | null;
  issuer_unit: string | null;
  area_name: string;
}

async function findBulletin(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<BulletinRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<BulletinRow>(
    `SELECT b.id, b.bulletin_number, b.title, to_char(b.period_from, 'YYYY-MM-DD') AS period_from,
            to_char(b.period_to, 'YYYY-MM-DD') AS period_to, b.entries, b.remarks, b.status, b.issued_at,
            (SELECT o.name FROM users iu JOIN org_units o ON o.id = iu.unit_id WHERE iu.id = b.issued_by) AS issuer_unit,
            a.name AS area_name
       FROM bulletins b JOIN org_units a ON a.id = b.area_unit_id
      WHERE b.id = ${p.add(id)} AND ${recordScope(actor, p, "b.area_path")}${lock ? " FOR UPDATE OF b" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

export async function loadBulletin(q: Queryable, actor: Actor, id: string) {
  const b = await findBulletin(q, actor, id);
  if (!b) return null;
  const cited = await q.query<{ case_id: string; reason: "overdue" | "dissatisfied" }>(
    "SELECT case_id, reason FROM bulletin_cases WHERE bulletin_id = $1 ORDER BY reason, case_id",
    [id],
  );
  const refs = await visibleCaseRefs(
    q,
    actor,
    cited.rows.map((c) => c.case_id),
  );
  return {
    id: b.id,
    bulletinNumber: b.bulletin_number,
    title: b.title,
    from: b.period_from,
    to: b.period_to,
    entries: b.entries,
    remarks: b.remarks,
    status: b.status,
    issuedAt: b.issued_at?.toISOString() ?? null,
    cases: cited.rows
      .filter((c) => refs.has(c.case_id))
      .map((c) => ({ ...refs.get(c.case_id)!, reason: c.reason })),
  };
}

export async function listBulletins(q: Queryable, actor: Actor, page: PageReq) {
  const p = new SqlParams();
  const rows = await pagedRows<{ id: string }>(
    q,
    p,
    {
      select: "b.id",
      from: "bulletins b",
      where: recordScope(actor, p, "b.area_path"),
      orderBy: "b.created_at DESC, b.id",
    },
    page,
  );
  const items = [];
  for (const r of rows.items) items.push((await loadBulletin(q, actor, r.id))!);
  return { items, total: rows.total };
}

/** Issues a draft: it gets its number, and each cited case an event. */
export async function issueBulletin(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  roles: readonly Role[],
): Promise<void> {
  const b = await findBulletin(tx, ctx.actor, id, true);
  if (!b) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  expectState(b.status, ["draft"]);
  const cited = await tx.query<{ case_id: string }>(
    "SELECT DISTINCT case_id FROM bulletin_cases WHERE bulletin_id = $1",
    [id],
  );
  const { rows } = await tx.query<{ bulletin_number: string }>(
    `UPDATE bulletins SET status = 'issued', issued_at = $2, issued_by = $3,
       bulletin_number = '信访通报〔' || $4 || '〕' || nextval('bulletin_seq') || '号'
      WHERE id = $1 RETURNING bulletin_number`,
    [id, ctx.now, ctx.actor.id, today(ctx.now).slice(0, 4)],
  );
  await noteOnCases(
    tx,
    ctx.actor,
    cited.rows.map((c) => c.case_id),
    ctx.now,
    () => ({
      action: "bulletin_cited",
      note: `${rows[0]!.bulletin_number}《${b.title}》通报`,
      detail: { bulletinId: id },
    }),
  );
  await auditBureau(tx, ctx, "bulletin_issue", "bulletin", id, {
    number: rows[0]!.bulletin_number,
    cited: cited.rows.length,
  });
}

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: "SimSun", size: 21 })] })],
  });

/** The issued bulletin as a Word document (.docx), for printing and filing. */
export async function bulletinDocument(
  q: Queryable,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; data: Buffer }> {
  const b = await findBulletin(q, actor, id);
  if (!b) throw new AppError("NOT_FOUND");
  expectState(b.status, ["issued"]);
  const text = (t: string, opts: { bold?: boolean; size?: number } = {}) =>
    new TextRun({ text: t, bold: opts.bold ?? false, size: opts.size ?? 28, font: "FangSong" });
  const para = (t: string, align?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ children: [text(t)], ...(align ? { alignment: align } : {}) });
  const praised = b.entries.filter((e) => e.verdict === "praise").map((e) => e.unitName);
  const criticised = b.entries.filter((e) => e.verdict === "criticism");
  const doc = new Document({
    creator: "Xinfang",
    title: b.title,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [text(b.title, { bold: true, size: 36 })],
          }),
          para(b.bulletin_number ?? "", AlignmentType.CENTER),
          para(
            `现将${b.period_from}至${b.period_to}${b.area_name}信访事项交办办理情况通报如下（按期办理和满意度情况）：`,
          ),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: ["承办单位", "交办件数", "超期件数", "参评件数", "不满意件数", "满意率"].map((h) =>
                  cell(h, true),
                ),
              }),
              ...b.entries.map(
                (e) =>
                  new TableRow({
                    children: [
                      e.unitName,
                      String(e.assigned),
                      String(e.overdue),
                      String(e.rated),
                      String(e.dissatisfied),
                      e.satisfactionRate === null ? "—" : `${e.satisfactionRate}%`,
                    ].map((v) => cell(v)),
                  }),
              ),
            ],
          }),
          para(
            praised.length > 0
              ? `一、通报表扬：${praised.join("、")}按期办结、群众满意。`
              : "一、通报表扬：无。",
          ),
          para(
            criticised.length > 0
              ? `二、通报批评：${criticised
                  .map((e) => `${e.unitName}（超期${e.overdue}件，不满意${e.dissatisfied}件）`)
                  .join("；")}。请被通报单位认真整改，并于十个工作日内书面报告整改情况。`
              : "二、通报批评：无。",
          ),
          ...(b.remarks ? [para(`三、${b.remarks}`)] : []),
          para(b.issuer_unit ?? "", AlignmentType.RIGHT),
          para(b.issued_at ? today(b.issued_at) : "", AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return { fileName: `${b.bulletin_number ?? b.title}.docx`, data: await Packer.toBuffer(doc) };
}
