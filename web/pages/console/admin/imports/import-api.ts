import type { TImportResult, TLedgerMappingStep } from "../../../../../domain/schemas/import.ts";
import { ApiError, type ApiErrorBody } from "../../../../api/client.ts";

export type ImportKind = TImportResult["kind"];

/**
 * POST /api/admin/imports/:kind with the file: a preview (apply false), or the import. A refused
 * import (422 IMPORT_INVALID) carries the same result with every problem: it is returned, not thrown.
 */
export async function sendImport(
  kind: ImportKind,
  file: File,
  o: {
    apply: boolean;
    skipInvalid: boolean;
    csrfToken: string;
    /** Ledger: the confirmed mapping, and whether unknown names become 其他 / unassigned. */
    mapping?: Record<string, string | null>;
    values?: { categories: Record<string, string | null>; units: Record<string, string | null> };
    yes?: boolean;
  },
): Promise<TImportResult> {
  const body = new FormData();
  body.append("file", file, file.name);
  const query = new URLSearchParams({ apply: String(o.apply), skipInvalid: String(o.skipInvalid) });
  if (o.mapping) query.set("mapping", JSON.stringify(o.mapping));
  if (o.values) query.set("values", JSON.stringify(o.values));
  if (o.yes) query.set("yes", "true");
  const res = await fetch(`/api/admin/imports/${kind}?${query}`, {
    method: "POST",
    headers: { "x-csrf-token": o.csrfToken },
    credentials: "same-origin",
    body,
  });
  const data = (await res.json().catch(() => null)) as (ApiErrorBody & TImportResult) | null;
  if (res.ok && data) return data;
  const e = data?.error;
  if (e?.code === "IMPORT_INVALID" && typeof e.details === "object" && e.details !== null)
    return e.details as TImportResult;
  if (e) throw new ApiError(res.status, e.code, e.message, e.messageEn, e.details);
  throw new ApiError(res.status, "HTTP_ERROR", `导入失败（${res.status}）`, `Import failed (${res.status})`);
}

/** The ledger's mapping step: headers, their mapping and the first rows, read from the file's head only. */
export async function sendLedgerHead(file: File, csrfToken: string): Promise<TLedgerMappingStep> {
  const body = new FormData();
  body.append("file", file, file.name);
  const res = await fetch("/api/admin/imports/ledger/mapping", {
    method: "POST",
    headers: { "x-csrf-token": csrfToken },
    credentials: "same-origin",
    body,
  });
  const data = (await res.json().catch(() => null)) as (ApiErrorBody & TLedgerMappingStep) | null;
  if (res.ok && data) return data;
  const e = data?.error;
  if (e) throw new ApiError(res.status, e.code, e.message, e.messageEn, e.details);
  throw new ApiError(res.status, "HTTP_ERROR", `读取失败（${res.status}）`, `Reading failed (${res.status})`);
}

/** The first passwords as a CSV (UTF-8 with BOM, as Excel opens it), to hand out and delete. */
export function passwordsCsv(passwords: TImportResult["passwords"]): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${["用户名,姓名,初始密码", ...passwords.map((p) => [p.username, p.displayName, p.password].map(cell).join(","))].join("\r\n")}\r\n`;
}

/** The ledger import's report (.xlsx) for a preview or an import, saved as a download. */
export async function saveLedgerReport(result: TImportResult, csrfToken: string): Promise<Blob> {
  const res = await fetch("/api/admin/imports/ledger/report", {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
    credentials: "same-origin",
    body: JSON.stringify(result),
  });
  if (!res.ok)
    throw new ApiError(
      res.status,
      "HTTP_ERROR",
      `报告生成失败（${res.status}）`,
      `Report failed (${res.status})`,
    );
  return res.blob();
}
