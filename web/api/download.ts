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

/** Saves a link target (an object URL or a data URL) as a file: a click on a temporary link. */
export function saveHref(href: string, name: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Saves the file a fetch answered with under the server's name (the fallback when it sends none);
 * an error answer becomes the server's ApiError.
 */
async function saveResponse(res: Response, fallbackName: string): Promise<string> {
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
  saveHref(href, name);
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

/** GETs a file and saves it (fetch rather than a plain link, so an error can be shown). */
export async function downloadGet(url: string, fallbackName: string): Promise<string> {
  return saveResponse(await fetch(url, { credentials: "same-origin" }), fallbackName);
}

/** POSTs a JSON body and saves the file the server answers with (a link cannot POST). */
export async function downloadPost(url: string, body: unknown, fallbackName: string): Promise<string> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  return saveResponse(res, fallbackName);
}
