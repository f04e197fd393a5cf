import { isAdminOnly, type Role } from "../../../domain/auth/roles.ts";
import type {
  DISPUTE_KINDS,
  MEASURES,
  RISK_LEVELS,
  TCampaignCreate,
  TDisputeAgreement,
  THandover,
  TReportCreate,
} from "../../../domain/schemas/bureau/disputes.ts";
import type { Actor } from "../../auth/actor.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { type PageReq, pagedRows } from "../page.ts";

type Kind = (typeof DISPUTE_KINDS)[number];

import { noteOnCases } from "../case-links.ts";
import { auditBureau, type BureauCtx, checkRange, expectState, today } from "../context.ts";
import type { DayRange } from "../range.ts";
import {
  AREA_KINDS,
  type CaseRef,
  caseNullOrVisible,
  percent,
  RESPONSIBLE_KINDS,
  recordScope,
  requireAnyRole,
  unitInArea,
  visibleCaseRefs,
} from "../scope.ts";

const disputeScope = (actor: Actor, p: SqlParams) => recordScope(actor, p, "d.area_path", "d.handed_path");

export async function createCampaign(tx: Queryable, ctx: BureauCtx, input: TCampaignCreate): Promise<string> {
  const unit = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  if (input.endsOn < input.startsOn) throw new AppError("DATE_RANGE_INVALID");
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO dispute_campaigns (area_unit_id, area_path, name, occasion, starts_on, ends_on, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      unit.id,
      unit.path,
      input.name,
      input.occasion ?? null,
      input.startsOn,
      input.endsOn,
      ctx.actor.id,
      ctx.now,
    ],
  );
  await auditBureau(tx, ctx, "dispute_campaign_create", "dispute_campaign", rows[0]!.id, {
    name: input.name,
  });
  return rows[0]!.id;
}

export async function listCampaigns(q: Queryable, actor: Actor, page: PageReq, id?: string) {
  if (isAdminOnly(actor.roles)) return { items: [], total: 0 };
  const p = new SqlParams();
  const inScope = recordScope(actor, p, "d.area_path", "d.handed_path");
  // A township sees county-wide campaigns (it screens for them) and its own.
  const rows = await pagedRows<{
    id: string;
    area_name: string;
    name: string;
    occasion: string | null;
    starts_on: string;
    ends_on: string;
    disputes: number;
  }>(
    q,
    p,
    {
      select: `k.id, o.name AS area_name, k.name, k.occasion, to_char(k.starts_on, 'YYYY-MM-DD') AS starts_on,
            to_char(k.ends_on, 'YYYY-MM-DD') AS ends_on,
            (SELECT count(*)::int FROM disputes d JOIN screening_reports r ON r.id = d.report_id
              WHERE r.campaign_id = k.id AND ${inScope}) AS disputes`,
      from: "dispute_campaigns k JOIN org_units o ON o.id = k.area_unit_id",
      where: `(${p.add(actor.areaPath)} = k.area_path OR starts_with(${p.add(actor.areaPath)}, k.area_path || '.')
         OR ${recordScope(actor, p, "k.area_path")})${id ? ` AND k.id = ${p.add(id)}` : ""}`,
      orderBy: "k.starts_on DESC, k.id",
    },
    page,
  );
  const items = rows.items.map((k) => ({
    id: k.id,
    areaName: k.area_name,
    name: k.name,
    occasion: k.occasion,
    startsOn: k.starts_on,
    endsOn: k.ends_on,
    disputes: k.disputes,
  }));
  return { items, total: rows.total };
}

/**
 * Files a screening report of a township or village for a month (or for a special campaign the
 * unit falls under) with the disputes found. One monthly report per unit and month.
 */
export async function createReport(tx: Queryable, ctx: BureauCtx, input: TReportCreate): Promise<string> {
  const unit = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  if (input.period > today(ctx.now).slice(0, 7)) throw new AppError("PERIOD_IN_FUTURE");
  if (input.campaignId) {
    const k = await tx.query<{ area_path: string }>("SELECT area_path FROM dispute_campaigns WHERE id = $1", [
      input.campaignId,
    ]);
    const campaignPath = k.rows[0]?.area_path;
    if (!campaignPath || !(unit.path === campaignPath || unit.path.startsWith(`${campaignPath}.`))) {
      throw new AppError("NOT_FOUND");
    }
  }
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO screening_reports (area_unit_id, area_path, period, campaign_id, note, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [unit.id, unit.path, input.period, input.campaignId ?? null, input.note ?? null, ctx.actor.id, ctx.now],
  );
  if (!rows[0]) throw new AppError("BUREAU_DUPLICATE", { period: input.period });
  const id = rows[0].id;
  if (input.disputes.length > 0) {
    await tx.query(
      `INSERT INTO disputes (report_id, area_path, screened_year, kind, parties, place, summary, risk_level, measure,
         measures_text, created_by, created_at, updated_at)
       SELECT $1, $2, $3, x.kind, x.parties, x.place, x.summary, x.risk_level, x.measure, x.measures_text, $4, $5, $5
         FROM jsonb_to_recordset($6::jsonb) AS x(kind text, parties text, place text, summary text, risk_level text,
              measure text, measures_text text)`,
      [
        id,
        unit.path,
        Number(input.period.slice(0, 4)),
        ctx.actor.id,
        ctx.now,
        JSON.stringify(
          input.disputes.map((d) => ({
            kind: d.kind,
            parties: d.parties,
            place: d.place,
            summary: d.summary,
            risk_level: d.riskLevel,
            measure: d.measure,
            measures_text: d.measuresText ?? null,
          })),
        ),
      ],
    );
  }
  await auditBureau(tx, ctx, "screening_report_create", "screening_report", id, {
    area: unit.path,
    period: input.period,
    campaignId: input.campaignId ?? null,
    disputes: input.disputes.length,
  });
  return id;
}

interface DisputeRow {
  id: string;
  report_id: string;
  area_name: string;
  period: string;
  campaign_id: string | null;
  kind: Kind;
  parties: string;
  place: string;
  summary: string;
  risk_level: (typeof RISK_LEVELS)[number];
  measure: (typeof MEASURES)[number];
  measures_text: string | null;
  status: "open" | "handed_over" | "resolved";
  handed_unit_name: string | null;
  handed_quarter: string | null;
  resolution: string | null;
  resolved_at: Date | null;
  case_id: string | null;
  cleared_year: number | null;
  agreement_case_id: string | null;
  agreement_id: string | null;
}

const DISPUTE_COLUMNS = `d.id, d.report_id, o.name AS area_name, r.period, r.campaign_id, d.kind, d.parties, d.place,
  d.summary, d.risk_level, d.measure, d.measures_text, d.status, hu.name AS handed_unit_name, d.handed_quarter,
  d.resolution, d.resolved_at, d.case_id, d.cleared_year, d.agreement_case_id, d.agreement_id`;
const DISPUTE_FROM = `FROM disputes d JOIN screening_reports r ON r.id = d.report_id
  JOIN org_units o ON o.id = r.area_unit_id LEFT JOIN org_units hu ON hu.id = d.handed_unit_id`;

const TERMS_SUMMARY = 120;

/**
 * The agreements the disputes point to, each with its case (only where the actor reads that case,
 * through the case policy) and its 调解协议书, in one statement.
 */
async function agreementsOf(
  q: Queryable,
  rows: DisputeRow[],
  refs: Map<string, CaseRef>,
): Promise<Map<string, TDisputeAgreement>> {
  const out = new Map<string, TDisputeAgreement>();
  const wanted = rows.filter((r) => r.agreement_id && r.agreement_case_id && refs.has(r.agreement_case_id));
  if (wanted.length === 0) return out;
  const { rows: found } = await q.query<{
    case_id: string;
    id: string;
    n: number;
    signed_on: string;
    parties: { name: string; role: string }[];
    terms: string;
    mediator: string;
    doc: { id: string; title: string; hasPdf: boolean } | null;
  }>(
    `SELECT m.case_id, m.id, to_char(m.signed_on, 'YYYY-MM-DD') AS signed_on, m.parties, m.terms, m.mediator,
            (SELECT count(*)::int FROM case_mediations e WHERE e.case_id = m.case_id
                AND (e.created_at, e.id) <= (m.created_at, m.id)) AS n,
            (SELECT jsonb_build_object('id', cd.id, 'title', cd.title, 'hasPdf', cd.pdf IS NOT NULL)
               FROM case_documents cd WHERE cd.case_id = m.case_id AND cd.step_ref = m.id AND cd.kind = 'mediation'
              ORDER BY cd.generated_at DESC, cd.id LIMIT 1) AS doc
       FROM case_mediations m JOIN unnest($1::uuid[], $2::uuid[]) AS w(case_id, id)
         ON m.case_id = w.case_id AND m.id = w.id`,
    [wanted.map((r) => r.agreement_case_id), wanted.map((r) => r.agreement_id)],
  );
  for (const m of found) {
    const ref = refs.get(m.case_id)!;
    out.set(m.id, {
      id: m.id,
      number: `${ref.caseNumber}-${m.n}`,
      signedOn: m.signed_on,
      parties: m.parties,
      termsSummary: m.terms.length > TERMS_SUMMARY ? `${m.terms.slice(0, TERMS_SUMMARY)}…` : m.terms,
      mediator: m.mediator,
      case: ref,
      document: m.doc,
    });
  }
  return out;
}

async function presentDisputes(q: Queryable, actor: Actor, rows: DisputeRow[]) {
  const refs = await visibleCaseRefs(
    q,
    actor,
    rows.flatMap((r) => [r.case_id, r.agreement_case_id].filter((x): x is string => x !== null)),
  );
  const agreements = await agreementsOf(q, rows, refs);
  return rows.map((d) => ({
    id: d.id,
    reportId: d.report_id,
    areaName: d.area_name,
    period: d.period,
    campaignId: d.campaign_id,
    kind: d.kind,
    parties: d.parties,
    place: d.place,
    summary: d.summary,
    riskLevel: d.risk_level,
    measure: d.measure,
    measuresText: d.measures_text,
    status: d.status,
    handedUnitName: d.handed_unit_name,
    handedQuarter: d.handed_quarter,
    resolution: d.resolution,
    resolvedAt: d.resolved_at?.toISOString() ?? null,
    case: d.case_id ? (refs.get(d.case_id) ?? null) : null,
    clearedYear: d.cleared_year,
    agreement: d.agreement_id ? (agreements.get(d.agreement_id) ?? null) : null,
  }));
}

export async function loadReport(q: Queryable, actor: Actor, id: string) {
  const p = new SqlParams();
  const found = await q.query<{
    id: string;
    area_name: string;
    period: string;
    campaign_id: string | null;
    note: string | null;
  }>(
    `SELECT r.id, o.name AS area_name, r.period, r.campaign_id, r.note FROM screening_reports r
       JOIN org_units o ON o.id = r.area_unit_id WHERE r.id = ${p.add(id)} AND ${recordScope(actor, p, "r.area_path")}`,
    p.values,
  );
  const r = found.rows[0];
  if (!r) return null;
  const d = await q.query<DisputeRow>(
    `SELECT ${DISPUTE_COLUMNS} ${DISPUTE_FROM} WHERE d.report_id = $1 ORDER BY d.created_at, d.id`,
    [id],
  );
  return {
    id: r.id,
    areaName: r.area_name,
    period: r.period,
    campaignId: r.campaign_id,
    note: r.note,
    disputes: await presentDisputes(q, actor, d.rows),
  };
}

export async function listDisputes(
  q: Queryable,
  actor: Actor,
  f: {
    status?: string | undefined;
    riskLevel?: string | undefined;
    year?: number | undefined;
    campaignId?: string | undefined;
  },
  page: PageReq,
) {
  const p = new SqlParams();
  const where = [disputeScope(actor, p)];
  if (f.status) where.push(`d.status = ${p.add(f.status)}`);
  if (f.riskLevel) where.push(`d.risk_level = ${p.add(f.riskLevel)}`);
  if (f.year) where.push(`d.screened_year = ${p.add(f.year)}`);
  if (f.campaignId) where.push(`r.campaign_id = ${p.add(f.campaignId)}`);
  const rows = await pagedRows<DisputeRow>(
    q,
    p,
    {
      select: DISPUTE_COLUMNS,
      from: DISPUTE_FROM.replace(/^FROM /, ""),
      where: where.join(" AND "),
      orderBy: "array_position(ARRAY['high', 'medium', 'low'], d.risk_level), d.created_at DESC, d.id",
    },
    page,
  );
  return { items: await presentDisputes(q, actor, rows.items), total: rows.total };
}

async function findDispute(q: Queryable, actor: Actor, id: string, lock = false): Promise<DisputeRow | null> {
  const p = new SqlParams();
  const { rows } = await q.query<DisputeRow>(
    `SELECT ${DISPUTE_COLUMNS} ${DISPUTE_FROM} WHERE d.id = ${p.add(id)} AND ${disputeScope(actor, p)}${lock ? " FOR UPDATE OF d" : ""}`,
    p.values,
  );
  return rows[0] ?? null;
}

export async function loadDispute(q: Queryable, actor: Actor, id: string) {
  const d = await findDispute(q, actor, id);
  return d ? (await presentDisputes(q, actor, [d]))[0]! : null;
}

async function forChange(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  roles: readonly Role[],
): Promise<DisputeRow> {
  const d = await findDispute(tx, ctx.actor, id, true);
  if (!d) throw new AppError("NOT_FOUND");
  requireAnyRole(ctx.actor, roles);
  return d;
}

/** Records the mediation result (化解); a linked case gets an event. */
export async function resolveDispute(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  input: { resolution: string; measure?: string | undefined },
  roles: readonly Role[],
): Promise<void> {
  const d = await forChange(tx, ctx, id, roles);
  expectState(d.status, ["open", "handed_over"]);
  if (d.case_id) {
    await noteOnCases(tx, ctx.actor, [d.case_id], ctx.now, () => ({
      action: "dispute_resolved",
      note: `矛盾纠纷已化解：${input.resolution}`,
      detail: { disputeId: id },
    }));
  }
  await tx.query(
    `UPDATE disputes SET status = 'resolved', resolution = $2, measure = COALESCE($3, measure), resolved_at = $4, updated_at = $4
      WHERE id = $1`,
    [id, input.resolution, input.measure ?? null, ctx.now],
  );
  await auditBureau(tx, ctx, "dispute_resolve", "dispute", id, { from: d.status });
}

/** A dispute that turned into a petition is linked to its case (both must be readable by the actor). */
export async function linkDisputeCase(
  tx: Queryable,
  ctx: BureauCtx,
  id: string,
  caseId: string,
  roles: readonly Role[],
) {
  const d = await forChange(tx, ctx, id, roles);
  if (d.case_id) throw new AppError("BUREAU_INVALID_STATE", { state: "linked" });
  await noteOnCases(tx, ctx.actor, [caseId], ctx.now, () => ({
    action: "dispute_linked",
    note: `关联矛盾纠纷排查（${d.period} ${d.area_name}）：${d.summary.slice(0, 100)}`,
    detail: { disputeId: id },
  }));
  await tx.query("UPDATE disputes SET case_id = $2, updated_at = $3 WHERE id = $1", [id, caseId, ctx.now]);
  await auditBureau(tx, ctx, "dispute_link_case", "dispute", id, { caseId });
}

function quarterEnd(quarter: string): string {
  const year = quarter.slice(0, 4);
  const month = Number(quarter.slice(5)) * 3;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** 季交办: unresolved disputes screened up to the quarter are handed to responsible units. */
export async function handOver(tx: Queryable, ctx: BureauCtx, input: THandover): Promise<number> {
  const last = quarterEnd(input.quarter);
  const ids = [...new Set(input.items.map((i) => i.disputeId))];
  if (ids.length !== input.items.length) {
    throw new AppError("VALIDATION_FAILED", [{ path: "items", message: "a dispute twice" }]);
  }
  const rows: DisputeRow[] = [];
  for (const id of ids.sort()) {
    const d = await findDispute(tx, ctx.actor, id, true);
    if (!d) throw new AppError("NOT_FOUND", { disputeId: id });
    rows.push(d);
  }
  const units = new Map<string, { id: string; path: string; name: string }>();
  for (const item of input.items) {
    if (!units.has(item.unitId))
      units.set(item.unitId, await unitInArea(tx, ctx.actor, item.unitId, RESPONSIBLE_KINDS));
  }
  for (const d of rows) {
    expectState(d.status, ["open", "handed_over"]);
    if (d.period > last) throw new AppError("QUARTER_NOT_ENDED", { disputeId: d.id, period: d.period });
  }
  for (const item of input.items) {
    const unit = units.get(item.unitId)!;
    await tx.query(
      `UPDATE disputes SET status = 'handed_over', handed_unit_id = $2, handed_path = $3, handed_quarter = $4,
         handed_at = $5, updated_at = $5 WHERE id = $1`,
      [item.disputeId, unit.id, unit.path, input.quarter, ctx.now],
    );
    const d = rows.find((r) => r.id === item.disputeId)!;
    if (d.case_id) {
      await noteOnCases(tx, ctx.actor, [d.case_id], ctx.now, () => ({
        action: "dispute_handed_over",
        note: `矛盾纠纷${input.quarter}季度交办${unit.name}`,
        detail: { disputeId: d.id },
      }));
    }
  }
  await auditBureau(tx, ctx, "dispute_handover", "dispute_handover", input.quarter, {
    disputes: ids,
    units: [...units.values()].map((u) => u.path),
  });
  return ids.length;
}

/**
 * 年终销号: a leader signs off an area's year. The resolved disputes of that year are crossed off;
 * unresolved ones are carried over and counted on the sign-off. Once per area and year.
 */
export async function signClearance(
  tx: Queryable,
  ctx: BureauCtx,
  input: { areaUnitId: string; year: number; note?: string | undefined },
) {
  const unit = await unitInArea(tx, ctx.actor, input.areaUnitId, AREA_KINDS);
  if (String(input.year) > today(ctx.now).slice(0, 4)) throw new AppError("PERIOD_IN_FUTURE");
  const dup = await tx.query(
    "SELECT 1 FROM dispute_clearances WHERE area_unit_id = $1 AND year = $2 FOR UPDATE",
    [unit.id, input.year],
  );
  if (dup.rows[0]) throw new AppError("BUREAU_DUPLICATE", { year: input.year });
  const inArea = `(area_path = $1 OR area_path LIKE $1 || '.%') AND screened_year = $2`;
  const cleared = await tx.query(
    `UPDATE disputes SET cleared_year = $2, updated_at = $3 WHERE ${inArea} AND status = 'resolved' AND cleared_year IS NULL`,
    [unit.path, input.year, ctx.now],
  );
  const carried = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM disputes WHERE ${inArea} AND status <> 'resolved'`,
    [unit.path, input.year],
  );
  await tx.query(
    `INSERT INTO dispute_clearances (area_unit_id, year, area_path, signed_by, signed_label, signed_at, note, cleared, carried_over)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      unit.id,
      input.year,
      unit.path,
      ctx.actor.id,
      ctx.actor.displayName,
      ctx.now,
      input.note ?? null,
      cleared.rowCount,
      carried.rows[0]!.n,
    ],
  );
  await auditBureau(tx, ctx, "dispute_clearance_sign", "dispute_clearance", `${unit.id}/${input.year}`, {
    area: unit.path,
    cleared: cleared.rowCount,
    carriedOver: carried.rows[0]!.n,
  });
  return {
    areaUnitId: unit.id,
    year: input.year,
    signedBy: ctx.actor.displayName,
    signedAt: ctx.now.toISOString(),
    cleared: cleared.rowCount,
    carriedOver: carried.rows[0]!.n,
  };
}

/** Screened, resolved, handed over and the resolution rate (resolved / screened), by township, kind and campaign. */
export async function disputeFigures(
  q: Queryable,
  actor: Actor,
  year: number | undefined,
  range: DayRange = {},
) {
  checkRange(range);
  const p = new SqlParams();
  const where = [disputeScope(actor, p)];
  if (year) where.push(`d.screened_year = ${p.add(year)}`);
  // A day range counts the reports of the months it touches (a report is for a whole month).
  if (range.from) where.push(`r.period >= ${p.add(range.from.slice(0, 7))}`);
  if (range.to) where.push(`r.period <= ${p.add(range.to.slice(0, 7))}`);
  const caseOk = caseNullOrVisible(actor, p, "d.case_id");
  const { rows } = await q.query<{
    township: string;
    kind: Kind;
    campaign_id: string | null;
    campaign_name: string | null;
    status: string;
    high: number;
    linked: number;
    n: number;
  }>(
    `SELECT COALESCE(t.name, o.name) AS township, d.kind, r.campaign_id, k.name AS campaign_name, d.status,
            count(*) FILTER (WHERE d.risk_level = 'high')::int AS high,
            count(*) FILTER (WHERE d.case_id IS NOT NULL AND ${caseOk})::int AS linked, count(*)::int AS n
       FROM disputes d JOIN screening_reports r ON r.id = d.report_id JOIN org_units o ON o.id = r.area_unit_id
       LEFT JOIN org_units t ON t.kind = 'township' AND (d.area_path = t.path OR starts_with(d.area_path, t.path || '.'))
       LEFT JOIN dispute_campaigns k ON k.id = r.campaign_id
      WHERE ${where.join(" AND ")}
      GROUP BY 1, 2, 3, 4, 5`,
    p.values,
  );
  const total = (pred: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(pred).reduce((a, r) => a + r.n, 0);
  const screened = total(() => true);
  const resolved = total((r) => r.status === "resolved");
  const townships = [...new Set(rows.map((r) => r.township))].sort();
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  const campaigns = [
    ...new Map(rows.filter((r) => r.campaign_id).map((r) => [r.campaign_id!, r.campaign_name!])).entries(),
  ];
  return {
    year: year ?? null,
    screened,
    resolved,
    handedOver: total((r) => r.status === "handed_over"),
    open: total((r) => r.status === "open"),
    highRisk: rows.reduce((a, r) => a + r.high, 0),
    linkedCases: rows.reduce((a, r) => a + r.linked, 0),
    resolutionRate: percent(resolved, screened),
    byTownship: townships.map((areaName) => {
      const s = total((r) => r.township === areaName);
      const res = total((r) => r.township === areaName && r.status === "resolved");
      return { areaName, screened: s, resolved: res, resolutionRate: percent(res, s) };
    }),
    byKind: kinds.map((kind) => ({
      kind,
      screened: total((r) => r.kind === kind),
      resolved: total((r) => r.kind === kind && r.status === "resolved"),
    })),
    byCampaign: campaigns.map(([campaignId, name]) => ({
      campaignId,
      name,
      screened: total((r) => r.campaign_id === campaignId),
    })),
  };
}
