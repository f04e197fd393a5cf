import { ApiError, type ApiErrorBody } from "../../../api/client.ts";

export interface AttachmentLimits {
  maxBytes: number;
  types: string[];
}

export interface UploadedAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** "10 MB", "512 KB": the size limit as people read it. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/**
 * What the browser can tell before sending: too large, or a type the server does not take. The
 * server checks again (and sniffs the content); this only saves a pointless upload.
 */
export function precheckFile(
  file: { size: number; type: string },
  limits: AttachmentLimits | undefined,
): "ATTACHMENT_TOO_LARGE" | "ATTACHMENT_TYPE_REFUSED" | null {
  if (!limits) return null;
  if (file.size > limits.maxBytes) return "ATTACHMENT_TOO_LARGE";
  if (file.type && !limits.types.includes(file.type)) return "ATTACHMENT_TYPE_REFUSED";
  return null;
}

/** POST /api/cases/:id/attachments (multipart, field "file"); the server's error comes back as ApiError. */
export async function uploadAttachment(
  caseId: string,
  file: File,
  csrfToken: string,
): Promise<UploadedAttachment> {
  const body = new FormData();
  body.append("file", file, file.name);
  return sendUpload(`/api/cases/${caseId}/attachments`, body, { "x-csrf-token": csrfToken });
}

/** POST /api/public/attachments: the citizen's own petition, by number and query code (fields first). */
export async function uploadPublicAttachment(
  caseNumber: string,
  queryCode: string,
  file: File,
): Promise<Omit<UploadedAttachment, "id">> {
  const body = new FormData();
  body.append("caseNumber", caseNumber);
  body.append("queryCode", queryCode);
  body.append("file", file, file.name);
  return sendUpload("/api/public/attachments", body, {});
}

async function sendUpload(
  url: string,
  body: FormData,
  headers: Record<string, string>,
): Promise<UploadedAttachment> {
  const res = await fetch(url, { method: "POST", headers, credentials: "same-origin", body });
  const data = (await res.json().catch(() => null)) as (ApiErrorBody & UploadedAttachment) | null;
  if (!res.ok) {
    const e = data?.error;
    if (e) throw new ApiError(res.status, e.code, e.message, e.messageEn, e.details);
    throw new ApiError(
      res.status,
      "HTTP_ERROR",
      `上传失败（${res.status}）`,
      `Upload failed (${res.status})`,
    );
  }
  return data as UploadedAttachment;
}
