import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../../config/index.ts";
import { generateKeyRing } from "../../crypto/field-crypto.ts";
import type { Db } from "../../db/index.ts";
import { openTestDb } from "../../test/harness.ts";

const BIG_CSS = Array.from({ length: 400 }, (_, i) => `.ant-x-${i}{color:var(--ant-c-${i})}`).join("");

let app: FastifyInstance;
let db: Db;
let dist: string;
let data: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), "xf-web-"));
  data = fs.mkdtempSync(path.join(os.tmpdir(), "xf-data-"));
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>信访</title><div id=root></div>");
  fs.writeFileSync(path.join(dist, "assets", "index-abc123.js"), "console.log('app')");
  fs.writeFileSync(path.join(dist, "assets", "index-abc123.css"), "body{margin:0}");
  fs.writeFileSync(path.join(dist, "assets", "antd-def456.css"), BIG_CSS);
  fs.writeFileSync(path.join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  fs.writeFileSync(path.join(os.tmpdir(), "xf-secret.txt"), "secret");
  db = await openTestDb();
  const config = { ...loadConfig({}), dataDir: data, demo: false };
  app = await buildApp({ db, config, keyRing: generateKeyRing(), webDistDir: dist });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: "GET", url });

describe("the web app at /", () => {
  it("serves index.html at / and never lets the browser keep a stale copy", async () => {
    const res = await get("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.body).toContain("<title>信访</title>");
  });

  it("answers client-side routes (console and portal) with index.html", async () => {
    for (const url of [
      "/cases",
      "/cases/4f1c1a52-0000-4000-8000-000000000000",
      "/portal/track?n=1",
      "/login",
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain("<div id=root>");
    }
  });

  it("serves hashed assets with their content type and a year-long immutable cache", async () => {
    const js = await get("/assets/index-abc123.js");
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.body).toBe("console.log('app')");
    const css = await get("/assets/index-abc123.css");
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    const svg = await get("/favicon.svg");
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
    expect(svg.headers["cache-control"]).toBe("no-cache");
  });

  it("sends a larger asset gzipped to a browser that accepts it, and as it is to one that does not", async () => {
    const zipped = await app.inject({
      method: "GET",
      url: "/assets/antd-def456.css",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("accept-encoding");
    expect(zipped.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(zipped.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.rawPayload.length);
    expect(zipped.rawPayload.length).toBeLessThan(BIG_CSS.length / 4);
    expect(zlib.gunzipSync(zipped.rawPayload).toString("utf8")).toBe(BIG_CSS);
    // The second time from the kept copy: the same bytes.
    const again = await app.inject({
      method: "GET",
      url: "/assets/antd-def456.css",
      headers: { "accept-encoding": "gzip" },
    });
    expect(again.rawPayload.equals(zipped.rawPayload)).toBe(true);

    const plain = await get("/assets/antd-def456.css");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("accept-encoding");
    expect(plain.body).toBe(BIG_CSS);
    // Small files and index.html go as they are.
    for (const url of ["/assets/index-abc123.css", "/", "/cases"]) {
      const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
      expect(res.headers["content-encoding"], url).toBeUndefined();
    }
  });

  it("answers 404, not the app, for a missing file with an extension", async () => {
    const res = await get("/assets/missing-123.js");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("ROUTE_NOT_FOUND");
  });

  it("never shadows the API or its documentation", async () => {
    const api = await get("/api/no-such-endpoint");
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/json");
    expect(api.json().error.code).toBe("ROUTE_NOT_FOUND");
    expect((await get("/api")).json().error.code).toBe("ROUTE_NOT_FOUND");
    expect((await get("/api/health")).statusCode).toBe(200);
    expect((await get("/api/auth/me")).statusCode).toBe(401);
    const docs = await get("/docs/json");
    expect(docs.statusCode).toBe(200);
    expect(docs.json().openapi).toMatch(/^3\./);
  });

  it("does not serve files outside the build folder", async () => {
    for (const url of ["/../xf-secret.txt", "/%2e%2e/xf-secret.txt", "/assets/..%2f..%2fxf-secret.txt"]) {
      const res = await get(url);
      expect(res.body, url).not.toContain("secret");
      expect(res.statusCode, url).toBe(404);
    }
  });
});
