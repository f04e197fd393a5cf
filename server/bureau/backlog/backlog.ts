import type { BACKLOG_REASONS, CLEARANCE_ROUTES } from "../../../domain/schemas/bureau/backlog.ts";
import { CASE_STATUSES, isOpen } from "../../../domain/workflow/statuses.ts";
import type { Actor } from "../../auth/actor.ts";
import { appendCaseEvent } from "../../cases/events.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { visibleCasesCondition } from "../../policies/case-policy.ts";
import { findVisibleCase } from "../../queries/cases.ts";
import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, expectState, today } from "../context.ts";
import { type PageOf, type PageReq, pagedRows } from "../page.ts";

type Reason = (typeof BACKLOG_REASONS)[number];
type Route = (typeof CLEARANCE_ROUTES)[number];

const OPEN_STATUSES = CASE_STATUSES.filter(isOpen);
const REASON_LABELS: Record<Reason, string> = {
  long_open: "久拖未结",
  repeats: "多次重复信访",
  reopened: "重新办理",
  other: "其他",
};

async function setting(q: Queryable, key: string, fallback: number): Promise<number> {
  const { rows } = await q.query<{ value: unknown }>("SELECT value FROM settings WHERE key = $1", [key]);
  const v = rows[0]?.value;
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : fallback;
}

interface CandidateRow {
  id: string;
  case_number: string;
  title: string;
  status: string;
  open_days: number;
  repeats: number;
  reopened: boolean;
}

/**
 * The rule: an open case the actor may read, not yet marked, that has been open longer than
 * `backlog.open_days`, shares a petitioner (same ID number) with at least `backlog.repeat_count`
 * other cases, or was reopened after a dissatisfied rating.
 */
/** The one row of a single case's check. */
const ONE: PageReq = { limit: 1, offset: 0 };

async function candidates(
  q: Queryable,
  actor: Actor,
  now: Date,
  page: PageReq,
  caseId?: string,
): Promise<PageOf<CandidateRow & { reasons: Reason[] }>> {
  const openDays = await setting(q, "backlog.open_days", 180);
  const repeatCount = await setting(q, "backlog.repeat_count", 3);
  const p = new SqlParams();
  const day = p.add(today(now));
  const where = [visibleCasesCondition(actor, p), `c.status = ANY(${p.add(OPEN_STATUSES)}::text[])`];
  if (caseId) where.push(`c.id = ${p.add(caseId)}`);
  const rows = await pagedRows<CandidateRow>(
    q,
    p,
    {
      select: "x.*",
      from: `(
       SELECT c.id, c.case_number, c.title, c.status,
              (${day}::date - (c.received_at AT TIME ZONE 'Asia/Shanghai')::date) AS open_days,
              (SELECT count(DISTINCT p2.case_id)::int FROM case_petitioners p1
                 JOIN case_petitioners p2 ON p2.id_number_bidx = p1.id_number_bidx AND p2.case_id <> p1.case_id
                WHERE p1.case_id = c.id AND p1.id_number_bidx IS NOT NULL) AS repeats,
              EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'reopen') AS reopened
         FROM cases c
        WHERE ${where.join(" AND ")} AND NOT EXISTS (SELECT 1 FROM backlog_cases b WHERE b.case_id = c.id)
     ) x`,
      where: `x.open_days > ${p.add(openDays)} OR x.repeats >= ${p.add(repeatCount)} OR x.reopened`,
      orderBy: "x.open_days DESC, x.id",
    },
    page,
  );
  const items = rows.items.map((r) => ({
    ...r,
    reasons: [
      ...(r.open_days > openDays ? (["long_open"] as const) : []),
      ...(r.repeats >= repeatCount ? (["repeats"] as const) : []),
      ...(r.reopened ? (["reopened"] as const) : []),
    ],
  }));
  return { items, total: rows.total };
}

export async function suggestBacklog(q: Queryable, actor: Actor, now: Date, page: PageReq) {
  const rows = await candidates(q, actor, now, page);
  const items = rows.items.map((r) => ({
    case: { id: r.id, caseNumber: r.case_number, title: r.title, status: r.status },
    reasons: r.reasons,
    openDays: r.open_days,
    repeats: r.repeats,
  }));
  return { items, total: rows.total };
}

/** Marks an open, readable case as backlog, with the rule's reasons unless others are given. */
export async function markBacklog(
  tx: Queryable,
  ctx: BureauCtx,
  input: { caseId: string; reasons?: Reason[] | undefined; note?: string | undefined },
): Promise<void> {
  const row = await findVisibleCase(tx, ctx.actor, input.caseId, true);
  if (!row) throw new AppError("CASE_NOT_FOUND");
  if (!isOpen(row.status)) throw new AppError("CASE_NOT_OPEN", { status: row.status });
  const existing = await tx.query("SELECT 1 FROM backlog_cases WHERE case_id = $1", [input.caseId]);
  if (existing.rows[0]) throw new AppError("BUREAU_DUPLICATE", { caseId: input.caseId });
  const rule = (await candidates(tx, ctx.actor, ctx.now, ONE, input.caseId)).items[0]?.reasons ?? [];
  const reasons = input.reasons ?? (rule.length > 0 ? rule : (["other"] as Reason[]));
  await appendCaseEvent(tx, {
    caseId: row.id,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.displayName,
    action: "backlog_marked",
    fromStatus: null,
    toStatus: null,
    note: `列为信访积案：${reasons.map((r) => REASON_LABELS[r]).join("、")}`,
    detail: { reasons },
    at: ctx.now,
  });
  await tx.query(
    `INSERT INTO backlog_cases (case_id, area_path, reasons, note, marked_at, marked_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [input.caseId, row.region_path, reasons, input.note ?? null, ctx.now, ctx.actor.id],
  );
  await auditBureau(tx, ctx, "backlog_mark", "case", input.caseId, { reasons });
}

/** Records a backlog case's clearance (化解销号) and the route it took. */
export async function clearBacklog(
  tx: Queryable,
  ctx: BureauCtx,
  caseId: string,
  route: Route,
  clearance: string,
) {
  await noteOnCases(tx, ctx.actor, [caseId], ctx.now, () => ({
    action: "backlog_cleared",
    note: `信访积案化解：${clearance.slice(0, 500)}`,
    detail: { route },
  }));
  const found = await tx.query<{ status: "open" | "cleared" }>(
    "SELECT status FROM backlog_cases WHERE case_id = $1 FOR UPDATE",
    [caseId],
  );
  if (!found.rows[0]) throw new AppError("NOT_FOUND");
  expectState(found.rows[0].status, ["open"]);
  await tx.query(
    `UPDATE backlog_cases SET status = 'cleared', cleared_at = $2, cleared_by = $3, clearance_route = $4, clearance = $5
      WHERE case_id = $1`,
    [caseId, ctx.now, ctx.actor.id, route, clearance],
  );
  await auditBureau(tx, ctx, "backlog_clear", "case", caseId, { route });
}

export async function listBacklog(
  q: Queryable,
  actor: Actor,
  page: PageReq,
  f: { status?: "open" | "cleared" | undefined; caseId?: string } = {},
) {
  const p = new SqlParams();
  const where = [visibleCasesCondition(actor, p)];
  if (f.status) where.push(`b.status = ${p.add(f.status)}`);
  if (f.caseId) where.push(`b.case_id = ${p.add(f.caseId)}`);
  const rows = await pagedRows<{
    case_id: string;
    case_number: string;
    title: string;
    case_status: string;
    reasons: Reason[];
    note: string | null;
    marked_at: Date;
    status: "open" | "cleared";
    cleared_at: Date | null;
    clearance_route: Route | null;
    clearance: string | null;
  }>(
    q,
    p,
    {
      select: `b.case_id, c.case_number, c.title, c.status AS case_status, b.reasons, b.note, b.marked_at, b.status,
            b.cleared_at, b.clearance_route, b.clearance`,
      from: "backlog_cases b JOIN cases c ON c.id = b.case_id",
      where: where.join(" AND "),
      orderBy: "b.status, b.marked_at, b.case_id",
    },
    page,
  );
  const items = rows.items.map((r) => ({
    case: { id: r.case_id, caseNumber: r.case_number, title: r.title, status: r.case_status },
    reasons: r.reasons,
    note: r.note,
    markedAt: r.marked_at.toISOString(),
    status: r.status,
    clearedAt: r.cleared_at?.toISOString() ?? null,
    clearanceRoute: r.clearance_route,
    clearance: r.clearance,
  }));
  return { items, total: rows.total };
}

/** Year-start stock, added, cleared (by route) and year-end stock, in Shanghai years, over readable cases. */
export async function backlogFigures(q: Queryable, actor: Actor, year: number) {
  const p = new SqlParams();
  const start = p.add(`${year}-01-01`);
  const end = p.add(`${year + 1}-01-01`);
  const at = (d: string) => `(${d}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const { rows } = await q.query<{
    start_stock: number;
    added: number;
    cleared: number;
    end_stock: number;
    route: string | null;
    n: number;
  }>(
    `SELECT count(*) FILTER (WHERE b.marked_at < ${at(start)} AND (b.cleared_at IS NULL OR b.cleared_at >= ${at(start)}))::int AS start_stock,
            count(*) FILTER (WHERE b.marked_at >= ${at(start)} AND b.marked_at < ${at(end)})::int AS added,
            count(*) FILTER (WHERE b.cleared_at >= ${at(start)} AND b.cleared_at < ${at(end)})::int AS cleared,
            count(*) FILTER (WHERE b.marked_at < ${at(end)} AND (b.cleared_at IS NULL OR b.cleared_at >= ${at(end)}))::int AS end_stock,
            CASE WHEN b.cleared_at >= ${at(start)} AND b.cleared_at < ${at(end)} THEN b.clearance_route END AS route,
            count(*)::int AS n
       FROM backlog_cases b JOIN cases c ON c.id = b.case_id
      WHERE ${visibleCasesCondition(actor, p)}
      GROUP BY 5`,
    p.values,
  );
  const sum = (k: "start_stock" | "added" | "cleared" | "end_stock") => rows.reduce((a, r) => a + r[k], 0);
  return {
    year,
    yearStartStock: sum("start_stock"),
    added: sum("added"),
    cleared: sum("cleared"),
    clearedByRoute: Object.fromEntries(rows.filter((r) => r.route).map((r) => [r.route!, r.n])),
    yearEndStock: sum("end_stock"),
  };
}
