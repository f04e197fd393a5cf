import type { TImportResult } from "../../../../../domain/schemas/import.ts";
import { ApiError, type ApiErrorBody } from "../../../../api/client.ts";

export type ImportKind = TImportResult["kind"];

/**
 * POST /api/admin/imports/:kind with the file: a preview (apply false), or the import. A refused
 * import (422 IMPORT_INVALID) carries the same result with every problem: it is returned, not thrown.
 */
export async function sendImport(
  kind: ImportKind,
  file: File,
  o: { apply: boolean; skipInvalid: boolean; csrfToken: string },
): Promise<TImportResult> {
  const body = new FormData();
  body.append("file", file, file.name);
  const res = await fetch(`/api/admin/imports/${kind}?apply=${o.apply}&skipInvalid=${o.skipInvalid}`, {
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

/** The first passwords as a CSV (UTF-8 with BOM, as Excel opens it), to hand out and delete. */
export function passwordsCsv(passwords: TImportResult["passwords"]): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${["用户名,姓名,初始密码", ...passwords.map((p) => [p.username, p.displayName, p.password].map(cell).join(","))].join("\r\n")}\r\n`;
}
