import { toShanghaiDate } from "../../domain/calendar/working-days.ts";
import { chineseDate } from "../../domain/documents/templates.ts";
import { WARNING_KIND_NAMES } from "../../domain/warnings/describe.ts";
import { WARNING_KINDS, type WarningKind } from "../../domain/warnings/types.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db, Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { renderDocx } from "../documents/render.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { listWarnings, type WarningView } from "./queries.ts";

export const WARNINGS_DIGEST_JOB = "warnings-digest";

/** What the stored digest remembers: references only; the counts are made per reader. */
interface DigestContent {
  newWarningIds: string[];
  openWarningIds: string[];
  alerts: { caseId: string; kind: "warning" | "breach" }[];
}

/**
 * The day's digest (预警日报): the warnings raised in the 24 hours before it, the warnings still
 * open, and the deadline warnings and breaches standing (case_alerts not cleared). One per Shanghai
 * day: a second call the same day changes nothing. Returns whether it was written now.
 */
export async function generateDigest(db: Db, now: Date): Promise<{ date: string; created: boolean }> {
  const date = toShanghaiDate(now);
  return db.transaction(async (tx) => {
    const since = new Date(now.getTime() - 24 * 3600_000);
    const warnings = await tx.query<{ id: string; is_new: boolean; is_open: boolean }>(
      `SELECT id, raised_at > $1 AS is_new, status <> 'closed' AS is_open FROM warnings
        WHERE status <> 'closed' OR raised_at > $1 ORDER BY raised_at, id`,
      [since],
    );
    const alerts = await tx.query<{ case_id: string; kind: "warning" | "breach" }>(
      "SELECT case_id, kind FROM case_alerts WHERE cleared_at IS NULL ORDER BY case_id, kind",
    );
    const content: DigestContent = {
      newWarningIds: warnings.rows.filter((w) => w.is_new).map((w) => w.id),
      openWarningIds: warnings.rows.filter((w) => w.is_open).map((w) => w.id),
      alerts: alerts.rows.map((a) => ({ caseId: a.case_id, kind: a.kind })),
    };
    const ins = await tx.query(
      `INSERT INTO warning_digests (digest_date, generated_at, content) VALUES ($1, $2, $3)
       ON CONFLICT (digest_date) DO NOTHING`,
      [date, now, JSON.stringify(content)],
    );
    if (ins.rowCount === 0) return { date, created: false };
    await recordAudit(tx, {
      actorRole: "system",
      action: "warning_digest_generated",
      objectType: "warning_digest",
      objectId: date,
      detail: { warnings: content.openWarningIds.length, alerts: content.alerts.length },
    });
    return { date, created: true };
  });
}

export interface DigestView {
  date: string;
  generatedAt: string;
  newByKind: Record<WarningKind, number>;
  openByKind: Record<WarningKind, number>;
  alerts: { warning: number; breach: number };
  warnings: (WarningView & { isNew: boolean })[];
}

const zeroKinds = () => Object.fromEntries(WARNING_KINDS.map((k) => [k, 0])) as Record<WarningKind, number>;

export async function listDigestDates(
  q: Queryable,
  limit: number,
): Promise<{ date: string; generatedAt: string }[]> {
  const { rows } = await q.query<{ date: string; generated_at: Date }>(
    `SELECT to_char(digest_date, 'YYYY-MM-DD') AS date, generated_at FROM warning_digests
      ORDER BY digest_date DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ date: r.date, generatedAt: r.generated_at.toISOString() }));
}

/** The digest of a day as this reader may see it: only warnings and alerts on cases they may read. */
export async function readDigest(q: Queryable, actor: Actor, date: string): Promise<DigestView | null> {
  const { rows } = await q.query<{ generated_at: Date; content: DigestContent }>(
    "SELECT generated_at, content FROM warning_digests WHERE digest_date = $1::date",
    [date],
  );
  const row = rows[0];
  if (!row) return null;
  const open = new Set(row.content.openWarningIds);
  const fresh = new Set(row.content.newWarningIds);
  const ids = [...new Set([...open, ...fresh])];
  const visible =
    ids.length === 0 ? [] : (await listWarnings(q, actor, { ids }, { page: 1, pageSize: 500 })).items;
  const newByKind = zeroKinds();
  const openByKind = zeroKinds();
  for (const w of visible) {
    if (open.has(w.id)) openByKind[w.kind] += 1;
    if (fresh.has(w.id)) newByKind[w.kind] += 1;
  }
  const p = new SqlParams();
  const caseIds = p.add(row.content.alerts.map((a) => a.caseId));
  const kinds = p.add(row.content.alerts.map((a) => a.kind));
  const counted = await q.query<{ kind: "warning" | "breach"; n: number }>(
    `SELECT a.kind, count(*)::int AS n FROM unnest(${caseIds}::uuid[], ${kinds}::text[]) AS a(case_id, kind)
       JOIN cases c ON c.id = a.case_id WHERE ${visibleCasesCondition(actor, p)} GROUP BY a.kind`,
    p.values,
  );
  const alerts = { warning: 0, breach: 0 };
  for (const r of counted.rows) alerts[r.kind] = r.n;
  return {
    date,
    generatedAt: row.generated_at.toISOString(),
    newByKind,
    openByKind,
    alerts,
    warnings: visible.map((w) => ({ ...w, isNew: fresh.has(w.id) })),
  };
}

/** The digest as a Word document, laid out like the bureau's other letters (server/documents). */
export async function digestDocx(q: Queryable, d: DigestView): Promise<Buffer> {
  const bureau = await q.query<{ name: string }>(
    "SELECT name FROM org_units WHERE kind = 'bureau' AND is_active ORDER BY path LIMIT 1",
  );
  const lines = [
    "领导：",
    `截至${chineseDate(d.date)}，新增预警${sum(d.newByKind)}条，尚未办结的预警${sum(d.openByKind)}条；办理期限临期提醒${d.alerts.warning}件、已超期${d.alerts.breach}件。`,
    `按类型：${WARNING_KINDS.map((k) => `${WARNING_KIND_NAMES[k].zh}${d.openByKind[k]}条（新增${d.newByKind[k]}条）`).join("；")}。`,
    ...d.warnings.map((w, i) => `${i + 1}. ${w.isNew ? "【新】" : ""}${w.summary.zh}`),
    "以上预警均针对信访事项本身，请有关单位及时核实、依法依规推动化解。",
  ];
  return renderDocx({
    title: "信访预警日报",
    caseNumber: d.date,
    body: lines.join("\n"),
    issuer: bureau.rows[0]?.name ?? "信访局",
    issueDate: chineseDate(d.date),
  });
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
