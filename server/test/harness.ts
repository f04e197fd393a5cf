import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { buildApp } from "../app.ts";
import { type Config, loadConfig } from "../config/index.ts";
import { generateKeyRing, type KeyRing } from "../crypto/field-crypto.ts";
import { type Db, openPg, openPglite } from "../db/index.ts";
import { dropDatabase } from "./pg-admin.ts";

export const TEST_PASSWORD = "Test-Passw0rd!";

/** The template dump, read once per worker: the files of a worker share their modules (vitest.config.ts). */
let dump: { file: string; blob: Blob } | null = null;

/** A test database holds a few megabytes; the smaller pool makes each file's start cheaper. */
export const TEST_SHARED_BUFFERS = "16MB";

/** A fresh database copied from the migrated template that global-setup made. */
export async function openTestDb(): Promise<Db> {
  if (process.env.XF_TEST_DB === "pg") {
    const adminUrl = process.env.XF_TEST_PG_URL ?? "postgres://xinfang:xinfang@127.0.0.1:5432/postgres";
    const template = process.env.XF_TEST_PG_TEMPLATE;
    if (!template) throw new Error("global setup did not prepare a template database");
    const name = `xf_t_${template.split("_").pop()}_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openPg(url.toString(), 8);
    const close = db.close.bind(db);
    return Object.assign(db, {
      close: async () => {
        await close();
        await dropDatabase(admin, name);
        await admin.end();
      },
    });
  }
  const file = process.env.XF_TEST_PGLITE_DUMP;
  if (!file) throw new Error("global setup did not prepare a database dump");
  if (dump?.file !== file) dump = { file, blob: new Blob([fs.readFileSync(file)]) };
  return openPglite({ loadDataDir: dump.blob, sharedBuffers: TEST_SHARED_BUFFERS });
}

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  config: Config;
  keyRing: KeyRing;
  clock: { now: Date };
  close(): Promise<void>;
}

/** The whole API on a fresh database, with a clock the test can move. */
export async function startTestApp(
  overrides: Partial<Config> = {},
  extra: { webDistDir?: string } = {},
): Promise<TestContext> {
  const db = await openTestDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xf-data-"));
  const config: Config = { ...loadConfig({}), dataDir, demo: false, ...overrides };
  const keyRing = generateKeyRing();
  const clock = { now: new Date("2026-03-02T02:00:00Z") };
  const app = await buildApp({ db, config, keyRing, now: () => clock.now, ...extra });
  await app.ready();
  return {
    app,
    db,
    config,
    keyRing,
    clock,
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "xf_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: `xf_session=${cookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** Sends a request as the session (cookie + CSRF header). */
export function as(app: FastifyInstance, session: Session | null) {
  const send = (
    method: InjectOptions["method"],
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
    });
  return {
    get: (url: string) => send("GET", url),
    post: (url: string, payload?: unknown) => send("POST", url, payload),
    patch: (url: string, payload?: unknown) => send("PATCH", url, payload),
    put: (url: string, payload?: unknown) => send("PUT", url, payload),
    delete: (url: string) => send("DELETE", url),
  };
}

/** Row counts of the tables a refused request must not touch. */
export async function snapshotCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    "cases",
    "case_petitioners",
    "case_events",
    "case_attachments",
    "idempotency_keys",
    "categories",
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    out[t] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  }
  return out;
}
