/**
 * Browser hardening and the public routes' shared limit (issue #14, findings 11 and 13):
 *
 * - every answer: no MIME sniffing, no referrer sent on, never framed by another site;
 * - pages (the web app, the API documentation): a Content-Security-Policy that allows only this
 *   server's own scripts, styles, images and connections;
 * - answers that carry identities or whole registers (the full ID number, the petitioner search,
 *   exports and documents) are never stored by the browser or a proxy (`Cache-Control: no-store`);
 * - the API documentation (`/docs`) needs a staff session unless the server runs the demo or
 *   `XF_DOCS_PUBLIC=1`;
 * - the citizens' routes (`/api/public/…`) share one request budget per address and minute, so
 *   spreading requests over several public routes gains nothing. The count is kept in this
 *   process: several processes behind a balancer each keep their own (docs/DEPLOYMENT.md).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "./errors.ts";

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd and React set style attributes; no inline script is ever allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Paths whose answers hold identities or whole registers: never cached. */
const NO_STORE = [
  /^\/api\/cases\/[^/]+\/petitioners\/\d+\/identity/,
  /^\/api\/search\/cases/,
  /^\/api\/cases\/export/,
  /\/export(\b|\/|\?|$)/,
  /\/documents\//,
  /^\/api\/reports\//,
  /^\/api\/audit/,
  /^\/api\/auth\//,
  // Open data is published for anyone and may be cached; every other public answer is personal.
  /^\/api\/public\/(?!open-data\/)/,
  /^\/open311\//,
  // An applied users import answers with the new accounts' first passwords.
  /^\/api\/admin\/imports\//,
];

const WINDOW_MS = 60_000;

export interface HardeningOptions {
  docsPublic: boolean;
  publicLimitPerMinute: number;
  allowLoopback: boolean;
  now: () => Date;
}

function isLoopback(req: FastifyRequest): boolean {
  return req.ip === "127.0.0.1" || req.ip === "::1" || req.ip === "::ffff:127.0.0.1";
}

export function registerHardening(app: FastifyInstance, o: HardeningOptions): void {
  const budgets = new Map<string, { windowStart: number; count: number }>();

  app.addHook("onRequest", async (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    // Open311 (/open311/…) is the same citizens' front door in another format: one shared budget.
    const isPublic = path.startsWith("/api/public/") || path.startsWith("/open311/");
    if (isPublic && !(o.allowLoopback && isLoopback(req))) {
      const now = o.now().getTime();
      let b = budgets.get(req.ip);
      if (!b || now - b.windowStart >= WINDOW_MS) {
        b = { windowStart: now, count: 0 };
        budgets.set(req.ip, b);
        // Forget addresses whose window ended, so the map cannot grow without end.
        if (budgets.size > 10_000)
          for (const [k, v] of budgets) if (now - v.windowStart >= WINDOW_MS) budgets.delete(k);
      }
      b.count += 1;
      if (b.count > o.publicLimitPerMinute) {
        reply.header("retry-after", String(Math.ceil((b.windowStart + WINDOW_MS - now) / 1000)));
        throw new AppError("RATE_LIMITED");
      }
    }
    if ((path === "/docs" || path.startsWith("/docs/")) && !o.docsPublic && !req.actor) {
      throw new AppError("AUTH_REQUIRED");
    }
  });

  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    const type = String(reply.getHeader("content-type") ?? "");
    if (type.startsWith("text/html")) reply.header("content-security-policy", CSP);
    const path = req.url.split("?")[0] ?? "";
    if (NO_STORE.some((re) => re.test(path))) reply.header("cache-control", "no-store");
    return payload;
  });
}
