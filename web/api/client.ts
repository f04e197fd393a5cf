/** The one way the web talks to the API: JSON, the session cookie, and the CSRF header on writes. */

export interface ApiErrorBody {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
  }

  /** The server's own message in the user's language. */
  text(locale: "zh-CN" | "en"): string {
    return locale === "en" ? this.messageEn : this.messageZh;
  }
}

let csrfToken: string | null = null;
/** Set after login or /me; every state-changing request sends it back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Listeners told when the session is gone (401), so the console can go back to the login page. */
const unauthorized = new Set<(code: string) => void>();
export function onUnauthorized(fn: (code: string) => void): () => void {
  unauthorized.add(fn);
  return () => unauthorized.delete(fn);
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return (
    typeof v === "object" && v !== null && "error" in v && typeof (v as ApiErrorBody).error?.code === "string"
  );
}

export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
  /** `rawBody`: a file sent as it is, with the content type the caller's headers give. */
  opts: { headers?: Record<string, string>; quiet401?: boolean; rawBody?: Blob } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    ...(opts.rawBody !== undefined
      ? { body: opts.rawBody }
      : body === undefined
        ? {}
        : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      const e = data.error;
      if (res.status === 401 && !opts.quiet401) for (const fn of unauthorized) fn(e.code);
      throw new ApiError(res.status, e.code, e.message, e.messageEn, e.details);
    }
    throw new ApiError(
      res.status,
      "HTTP_ERROR",
      `请求失败（${res.status}）`,
      `Request failed (${res.status})`,
    );
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>("GET", url);
export const post = <T>(url: string, body: unknown = {}, headers?: Record<string, string>) =>
  api<T>("POST", url, body, headers ? { headers } : {});

/** `{a: 1, b: undefined}` → `?a=1`; empty values are left out. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
