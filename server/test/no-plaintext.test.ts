import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { sealAudit } from "../audit/seal-audit.ts";
import { receptionThroughApi } from "../bureau/reception/test-data.ts";
import { caseInput, freshIdNumber, makeNetwork } from "./factories.ts";
import { as, login, startTestApp, type TestContext } from "./harness.ts";

let t: TestContext;
let logText = "";
const idNumber = freshIdNumber();
const phone = "13598765432";

beforeAll(async () => {
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await makeNetwork(t.db);
  // A second app on the same database with full request logging, as an operator might run it.
  const sink = new Writable({
    write(chunk, _enc, done) {
      logText += String(chunk);
      done();
    },
  });
  const logged = await buildApp({
    db: t.db,
    config: t.config,
    keyRing: t.keyRing,
    logger: { level: "trace", stream: sink },
  });
  const reg = await login(logged, "reg");
  const created = await as(logged, reg).post(
    "/api/cases",
    caseInput({ petitioners: [{ name: "明文测试", idNumber, phone, isRepresentative: false }] }),
  );
  expect(created.statusCode).toBe(201);
  await logged.inject({
    method: "POST",
    url: "/api/public/petitions",
    headers: { "idempotency-key": "plaintext-check-1" },
    payload: {
      title: "明文检查",
      content: "网上提交也不能留下明文。",
      problemRegionCode: "990001001001",
      petitioner: { name: "明文测试", idNumber, phone },
      consentPrivacy: true,
    },
  });
  // Viewing the full number is allowed, and must not leave it behind in the audit log.
  await as(logged, reg).get(`/api/cases/${created.json().id}/petitioners/0/identity`);
  // Reception appointments and records store identity the same way.
  await receptionThroughApi(t, phone);
  await sealAudit(t.db);
  await logged.close();
});
afterAll(() => t.close());

describe("plaintext identity numbers", () => {
  it("appear in no row of any table", async () => {
    const tables = await t.db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.rows.length).toBeGreaterThan(8);
    let scanned = 0;
    for (const { tablename } of tables.rows) {
      const { rows } = await t.db.query<{ row: string }>(`SELECT t::text AS row FROM "${tablename}" t`);
      for (const r of rows) {
        expect(r.row, tablename).not.toContain(idNumber);
        expect(r.row, tablename).not.toContain(phone);
        scanned += 1;
      }
    }
    expect(scanned).toBeGreaterThan(20);
  });

  // The raw-file check exists for the embedded database, whose files this process holds.
  const embeddedOnly = process.env.XF_TEST_DB === "pg" ? [] : ["embedded"];
  it.each(embeddedOnly)("appear nowhere in the %s database's files, write-ahead log included", async () => {
    const raw = (t.db as unknown as { raw: { dumpDataDir(c: "none"): Promise<Blob> } }).raw;
    const bytes = Buffer.from(await (await raw.dumpDataDir("none")).arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1_000_000);
    // The masked copy is there, proving the scan reads petitioner rows at all.
    expect(bytes.includes(Buffer.from(`${idNumber.slice(0, 4)}**********`))).toBe(true);
    expect(bytes.includes(Buffer.from(idNumber))).toBe(false);
    expect(bytes.includes(Buffer.from(phone))).toBe(false);
  });

  it("appear in no log line, even at trace level", () => {
    expect(logText.length).toBeGreaterThan(1000);
    expect(logText).not.toContain(idNumber);
    expect(logText).not.toContain(phone);
  });
});
