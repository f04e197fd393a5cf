import { ApiError, type ApiErrorBody } from "../../../api/client.ts";
import { fileNameFrom } from "../../../api/download.ts";
import { type ListState, toSearchParams } from "./list-query.ts";

/** The ledger export of exactly the list's filters (GET /api/stats/ledger.xlsx takes /api/cases's). */
export function ledgerUrl(state: ListState): string {
  const p = toSearchParams(state);
  p.delete("page");
  p.delete("pageSize");
  const q = p.toString();
  return `/api/stats/ledger.xlsx${q ? `?${q}` : ""}`;
}

/** GETs a file and saves it under the server's name; an error answer becomes the server's ApiError. */
export async function downloadGet(url: string, fallbackName: string): Promise<string> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) {
    const e = ((await res.json().catch(() => null)) as ApiErrorBody | null)?.error;
    if (e) throw new ApiError(res.status, e.code, e.message, e.messageEn, e.details);
    throw new ApiError(
      res.status,
      "HTTP_ERROR",
      `下载失败（${res.status}）`,
      `Download failed (${res.status})`,
    );
  }
  const name = fileNameFrom(res.headers.get("content-disposition"), fallbackName);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
