import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../test/factories.ts";
import { as, login, startTestApp, type TestContext } from "../test/harness.ts";

/** Browser hardening headers, the documentation behind login, and one budget for the public routes. */
let t: TestContext;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), "xf-hardening-web-"));
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>信访</title>");
  t = await startTestApp({ docsPublic: false, publicRateLimitPerMinute: 5 }, { webDistDir: dist });
  await makeNetwork(t.db);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe("browser hardening", () => {
  it("sends no-sniff, no-referrer and no-framing on every answer, and a CSP on pages", async () => {
    const page = await t.app.inject({ method: "GET", url: "/cases" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(page.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(page.headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const res of [page, await t.app.inject({ method: "GET", url: "/api/health" })]) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-frame-options"]).toBe("DENY");
    }
  });

  it("keeps identity answers out of every cache", async () => {
    const s = await login(t.app, "reg");
    expect((await as(t.app, s).get("/api/auth/me")).headers["cache-control"]).toBe("no-store");
    const search = await as(t.app, s).post("/api/search/cases", { q: "工资" });
    expect(search.headers["cache-control"]).toBe("no-store");
  });

  it("answers the API documentation only to a logged-in user outside the demo", async () => {
    expect((await t.app.inject({ method: "GET", url: "/docs/json" })).statusCode).toBe(401);
    const s = await login(t.app, "office");
    const doc = await as(t.app, s).get("/docs/json");
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
  });
});

describe("the citizens' routes", () => {
  it("share one budget per address: five requests spread over three routes, then 429 on any", async () => {
    const from = (url: string) => t.app.inject({ method: "GET", url, remoteAddress: "10.3.0.1" });
    const urls = ["/api/public/regions", "/api/public/attachment-limits", "/api/public/reception/days"];
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await from(urls[i % 3]!)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200]);
    for (const url of urls) {
      const res = await from(url);
      expect(res.statusCode, url).toBe(429);
      expect(res.json().error.code).toBe("RATE_LIMITED");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
    // Another address has its own budget.
    expect((await t.app.inject({ method: "GET", url: urls[0]!, remoteAddress: "10.3.0.2" })).statusCode).toBe(
      200,
    );
  });
});
