import ExcelJS from "exceljs";
import { AUDIT_ACTIONS, isAuditAction } from "../../../domain/audit/actions.ts";
import { auditFieldsText, describeAuditDetail, shanghaiTime } from "../../../domain/audit/describe.ts";
import {
  ACTOR_KIND_LABELS,
  AUDIT_OBJECT_LABELS,
  AUDIT_VALUE_LABELS,
  actorRoleText,
} from "../../../domain/audit/labels.ts";
import { auditOutcome } from "../../../domain/audit/outcome.ts";
import { CHANNEL_ZH, STATUS_ZH } from "../../../domain/metrics/labels.ts";
import type { TAuditFilter } from "../../../domain/schemas/admin.ts";
import { type AuditRow, toEntry } from "../../audit/seal-audit.ts";
import type { Queryable } from "../../db/index.ts";
import { SqlParams } from "../../db/sql.ts";
import { AppError } from "../../plugins/errors.ts";
import { AUDIT_LIST_COLUMNS, AUDIT_LIST_JOINS, type AuditListRow, auditConditions } from "./query.ts";

/** The most rows one download holds; a larger one is narrowed, or made with `xinfang audit export`. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export type AuditExportRow = AuditListRow & {
  /** The timestamp exactly as it was hashed (seal-audit.ts), for the JSON lines. */
  at_hashed: string;
  prev_hash: string;
  hash: string;
};

/**
 * The sealed rows of the filter in chain order (the caller seals first, as the CLI does); refuses
 * more than AUDIT_EXPORT_MAX_ROWS.
 */
export async function loadAuditExport(
  q: Queryable,
  f: TAuditFilter,
  max = AUDIT_EXPORT_MAX_ROWS,
): Promise<AuditExportRow[]> {
  const p = new SqlParams();
  const where = auditConditions(f, p);
  const { rows } = await q.query<AuditExportRow>(
    `SELECT ${AUDIT_LIST_COLUMNS},
            to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_hashed, a.prev_hash, a.hash
       FROM audit_log a ${AUDIT_LIST_JOINS}
      WHERE ${where} AND a.chain_pos IS NOT NULL
      ORDER BY a.chain_pos
      LIMIT ${p.add(max + 1)}`,
    p.values,
  );
  if (rows.length > max) throw new AppError("AUDIT_EXPORT_TOO_LARGE", { max });
  return rows;
}

/**
 * The rows as `xinfang audit export` writes them (server/ops/audit-export.ts): one JSON object per
 * line with the chain position, the hashed timestamp, the previous hash and the row's own, so each
 * line can be checked against its hash away from the database.
 */
export function auditJsonLines(rows: readonly AuditExportRow[]): string {
  return rows
    .map((r) => {
      const sealed: AuditRow = { ...r, at: r.at_hashed };
      return JSON.stringify({
        ...toEntry(sealed, r.chain_pos!),
        id: r.id,
        prevHash: r.prev_hash,
        hash: r.hash,
      });
    })
    .map((line) => `${line}\n`)
    .join("");
}

const NAMES = {
  status: (code: string) => STATUS_ZH[code as keyof typeof STATUS_ZH] ?? code,
  channel: (code: string) => CHANNEL_ZH[code as keyof typeof CHANNEL_ZH] ?? code,
};

export const AUDIT_XLSX_COLUMNS: { header: string; key: string; width: number }[] = [
  { header: "链位置", key: "position", width: 9 },
  { header: "时间", key: "at", width: 20 },
  { header: "操作人", key: "actor", width: 14 },
  { header: "用户名", key: "username", width: 14 },
  { header: "角色", key: "role", width: 18 },
  { header: "操作", key: "action", width: 22 },
  { header: "对象", key: "object", width: 14 },
  { header: "对象编号", key: "objectId", width: 38 },
  { header: "结果", key: "outcome", width: 8 },
  { header: "详情", key: "detail", width: 60 },
  { header: "原始记录", key: "raw", width: 30 },
  { header: "IP地址", key: "ip", width: 16 },
  { header: "哈希", key: "hash", width: 66 },
];

/** The 审计日志 workbook: one row per audit row, in Chinese, with a frozen, filterable header. */
export async function writeAuditXlsx(rows: readonly AuditExportRow[], filterText: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Xinfang";
  const ws = wb.addWorksheet("审计日志", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = AUDIT_XLSX_COLUMNS;
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const view = describeAuditDetail(r.action, r.detail);
    const outcome = auditOutcome(r.action, r.detail);
    ws.addRow({
      position: Number(r.chain_pos),
      at: shanghaiTime(r.at),
      actor: r.actor_name ?? ACTOR_KIND_LABELS[r.actor_role ?? ""]?.zh ?? "",
      username: r.actor_username ?? "",
      role: actorRoleText(r.actor_role, "zh"),
      action: isAuditAction(r.action) ? AUDIT_ACTIONS[r.action].zh : r.action,
      object: r.object_type ? (AUDIT_OBJECT_LABELS[r.object_type]?.zh ?? r.object_type) : "",
      objectId: r.object_label ? `${r.object_label}（${r.object_id}）` : (r.object_id ?? ""),
      outcome: outcome ? AUDIT_VALUE_LABELS.outcome![outcome]!.zh : "",
      detail: auditFieldsText(view.fields, "zh", NAMES),
      raw: view.raw ? JSON.stringify(view.raw) : "",
      ip: r.ip ?? "",
      hash: r.hash,
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AUDIT_XLSX_COLUMNS.length } };
  const info = wb.addWorksheet("导出说明");
  info.columns = [
    { header: "项目", key: "k", width: 14 },
    { header: "内容", key: "v", width: 80 },
  ];
  info.getRow(1).font = { bold: true };
  info.addRow({ k: "筛选条件", v: filterText || "全部" });
  info.addRow({ k: "条数", v: rows.length });
  info.addRow({
    k: "说明",
    v: "时间为北京时间；链位置与哈希可用 xinfang audit verify 或 JSON Lines 导出核对。",
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
