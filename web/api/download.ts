import { ApiError, type ApiErrorBody } from "./client.ts";

/** `attachment; filename*=UTF-8''%E5%91%8A.docx` → `告.docx`; the fallback when the header has none. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return fallback;
    }
  }
  const plain = disposition?.match(/filename="?([^";]+)"?/i);
  return plain?.[1] ?? fallback;
}

/**
 * POSTs a JSON body and saves the file the server answers with (a link cannot POST): fetch as a
 * blob, then click a temporary link to an object URL. Errors come back as the server's ApiError.
 */
export async function downloadPost(url: string, body: unknown, fallbackName: string): Promise<string> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    let data: ApiErrorBody | null = null;
    try {
      data = (await res.json()) as ApiErrorBody;
    } catch {
      data = null;
    }
    const e = data?.error;
    if (e) throw new ApiError(res.status, e.code, e.message, e.messageEn, e.details);
    throw new ApiError(
      res.status,
      "HTTP_ERROR",
      `下载失败（${res.status}）`,
      `Download failed (${res.status})`,
    );
  }
  const name = fileNameFrom(res.headers.get("content-disposition"), fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
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
