import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TStatsSummary } from "../../../domain/schemas/stats.ts";
import { decryptField } from "../../crypto/field-crypto.ts";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let reg: Session;
const NAMES = [
  "欧阳明远",
  "司马青云",
  "诸葛晓月",
  "上官文博",
  "慕容清风",
  "东方启航",
  "皇甫红梅",
  "令狐长安",
];

interface Row {
  month: string;
  dimension: string;
  key: string;
  label: string;
  items: number | string;
  onTimeBase: number | string;
  onTimeRate: number | null;
  satisfactionBase: number | string;
  satisfactionRate: number | null;
}

const getJson = async (query = "year=2026") => {
  const res = await t.app.inject({ method: "GET", url: `/api/public/open-data/monthly.json?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rows: Row[]; minCell: number; year: number; notes: { zh: string; en: string } }>();
};

async function register(n: number, o: Record<string, unknown>) {
  for (let i = 0; i < n; i++) {
    const name = NAMES[(i + n) % NAMES.length]!;
    const res = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        ...o,
        petitioners: [
          {
            name,
            isRepresentative: false,
            idNumber: freshIdNumber(),
            phone: `1390000${String(1000 + i + n * 10).slice(-4)}`,
          },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  const cat = async (code: string) =>
    (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [code])).rows[0]!.id;
  const labor = await cat("labor.wage_arrears");
  const land = await cat("land.compensation");
  const social = await cat("social");
  // January: 6 wage cases visiting from 甲镇, 2 land letters from 乙乡 — total 8.
  await register(6, {
    categoryId: labor,
    channel: "visit",
    problemRegionCode: "990001001001",
    receivedAt: "2026-01-08T10:00:00+08:00",
  });
  await register(2, {
    categoryId: land,
    channel: "letter",
    problemRegionCode: "990001002001",
    receivedAt: "2026-01-09T10:00:00+08:00",
  });
  // February: 5 + 5 + 1 across three categories and both townships — total 11.
  await register(5, {
    categoryId: labor,
    channel: "visit",
    problemRegionCode: "990001001",
    receivedAt: "2026-02-03T10:00:00+08:00",
  });
  await register(5, {
    categoryId: land,
    channel: "visit",
    problemRegionCode: "990001002",
    receivedAt: "2026-02-04T10:00:00+08:00",
  });
  await register(1, {
    categoryId: social,
    channel: "letter",
    problemRegionCode: "990001002",
    receivedAt: "2026-02-05T10:00:00+08:00",
  });
  // March: 3 cases only — the month's total itself is small.
  await register(3, {
    categoryId: labor,
    channel: "phone",
    problemRegionCode: "990001001",
    receivedAt: "2026-03-01T10:00:00+08:00",
  });
});
afterAll(() => t.close());

const cell = (rows: Row[], month: string, dimension: string, key: string) =>
  rows.find((r) => r.month === month && r.dimension === dimension && r.key === key);

describe("open data: monthly aggregates", () => {
  it("is public (no account), JSON and CSV, cacheable, with its method explained in both languages", async () => {
    const d = await getJson();
    expect(d.year).toBe(2026);
    expect(d.minCell).toBe(5);
    expect(d.notes.zh).toContain("<5");
    expect(d.notes.en).toContain("subtracting");
    const csv = await t.app.inject({ method: "GET", url: "/api/public/open-data/monthly.csv?year=2026" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["cache-control"]).toContain("public");
    expect(csv.body.startsWith("\uFEFFmonth,dimension,key,label,items,")).toBe(true);
    // One CSV line per JSON row, plus the header.
    expect(csv.body.trim().split("\r\n")).toHaveLength(d.rows.length + 1);
  });

  it("publishes large counts, shows small ones as <5 and hides one more cell of the group", async () => {
    const { rows } = await getJson();
    expect(cell(rows, "2026-01", "total", "")?.items).toBe(8);
    expect(cell(rows, "2026-01", "category", "land")?.items).toBe("<5");
    // With only two categories, the total minus wages would give land back: wages are hidden too.
    expect(cell(rows, "2026-01", "category", "labor")?.items).toBe("*");
    expect(cell(rows, "2026-01", "region", "990001002")?.items).toBe("<5");
    expect(cell(rows, "2026-01", "region", "990001001")?.items).toBe("*");
    expect(cell(rows, "2026-02", "total", "")?.items).toBe(11);
    expect(cell(rows, "2026-02", "category", "social")?.items).toBe("<5");
    expect(cell(rows, "2026-02", "category", "labor")?.items).toBe("*");
    expect(cell(rows, "2026-02", "category", "land")?.items).toBe(5);
    expect(cell(rows, "2026-02", "channel", "letter")?.items).toBe("<5");
    expect(cell(rows, "2026-02", "channel", "visit")?.items).toBe("*");
    expect(cell(rows, "2026-03", "total", "")?.items).toBe("<5");
    expect(cell(rows, "2026-03", "category", "labor")?.items).toBe("<5");
  });

  it("never lets a hidden cell be recovered from a published total minus the other cells", async () => {
    const { rows } = await getJson();
    for (const month of new Set(rows.map((r) => r.month))) {
      const total = cell(rows, month, "total", "")!;
      for (const dim of ["category", "region", "channel"]) {
        for (const col of ["items", "onTimeBase", "satisfactionBase"] as const) {
          const group = rows.filter((r) => r.month === month && r.dimension === dim);
          const hidden = group.filter((r) => typeof r[col] !== "number").length;
          if (typeof total[col] === "number")
            expect(hidden === 0 || hidden >= 2, `${month} ${dim} ${col}`).toBe(true);
          else expect(hidden).toBe(group.filter((r) => r[col] !== 0).length);
        }
      }
    }
    // No sum over months is published: every row belongs to one month.
    expect(rows.every((r) => /^2026-\d\d$/.test(r.month))).toBe(true);
  });

  it("counts the months as the statistics page does", async () => {
    const { rows } = await getJson();
    const analyst = await login(t.app, "analyst");
    const res = await as(t.app, analyst).get("/api/stats/summary?period=year&year=2026");
    const months = res.json<TStatsSummary>().breakdowns.month!;
    for (const m of months) {
      const published = cell(rows, m.key!, "total", "")?.items ?? 0;
      if (typeof published === "number") expect(published, m.key!).toBe(m.items);
    }
    expect(months.filter((m) => m.items > 0).map((m) => [m.key, m.items])).toEqual([
      ["2026-01", 8],
      ["2026-02", 11],
      ["2026-03", 3],
    ]);
  });

  it("contains no ID number, phone number or name of anyone in the database", async () => {
    const json = JSON.stringify(await getJson());
    const csv = (await t.app.inject({ method: "GET", url: "/api/public/open-data/monthly.csv?year=2026" }))
      .body;
    const { rows } = await t.db.query<{
      name: string;
      id_number_enc: string | null;
      phone_enc: string | null;
      address: string | null;
    }>("SELECT name, id_number_enc, phone_enc, address FROM case_petitioners");
    expect(rows.length).toBe(22);
    const secrets = new Set<string>();
    for (const r of rows) {
      secrets.add(r.name);
      if (r.address) secrets.add(r.address);
      if (r.id_number_enc)
        secrets.add(decryptField(t.keyRing, r.id_number_enc, "case_petitioners.id_number"));
      if (r.phone_enc) secrets.add(decryptField(t.keyRing, r.phone_enc, "case_petitioners.phone"));
    }
    const users = await t.db.query<{ display_name: string; username: string }>(
      "SELECT display_name, username FROM users",
    );
    for (const u of users.rows) secrets.add(u.display_name);
    expect(secrets.size).toBeGreaterThan(40);
    for (const secret of secrets) {
      expect(json.includes(secret), secret).toBe(false);
      expect(csv.includes(secret), secret).toBe(false);
    }
    // Nor any case number, title or content.
    const cases = await t.db.query<{ case_number: string; title: string }>(
      "SELECT case_number, title FROM cases",
    );
    for (const c of cases.rows) {
      expect(json.includes(c.case_number)).toBe(false);
      expect(json.includes(c.title)).toBe(false);
    }
  });

  it("serves the same figures for ten minutes, then counts again", async () => {
    const before = cell((await getJson()).rows, "2026-02", "category", "land")?.items;
    const land = (
      await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 'land.compensation'")
    ).rows[0]!.id;
    await register(1, {
      categoryId: land,
      channel: "visit",
      problemRegionCode: "990001002",
      receivedAt: "2026-02-06T10:00:00+08:00",
    });
    expect(cell((await getJson()).rows, "2026-02", "category", "land")?.items).toBe(before);
    t.clock.now = new Date(t.clock.now.getTime() + 11 * 60 * 1000);
    expect(cell((await getJson()).rows, "2026-02", "category", "land")?.items).toBe(6);
  });

  it("refuses a year that is not a year with 400 in Chinese and English", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/public/open-data/monthly.json?year=20x6" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("open data with another minimum", () => {
  it("uses the configured minimum cell size", async () => {
    const other = await startTestApp({ openDataMinCell: 3 });
    try {
      await makeNetwork(other.db);
      const s = await login(other.app, "reg");
      for (let i = 0; i < 4; i++) {
        const r = await as(other.app, s).post(
          "/api/cases",
          caseInput({ receivedAt: "2026-01-08T10:00:00+08:00" }),
        );
        expect(r.statusCode).toBe(201);
      }
      const r = await as(other.app, s).post(
        "/api/cases",
        caseInput({ receivedAt: "2026-01-08T10:00:00+08:00", channel: "letter" }),
      );
      expect(r.statusCode).toBe(201);
      const res = await other.app.inject({
        method: "GET",
        url: "/api/public/open-data/monthly.json?year=2026",
      });
      const rows = res.json<{ rows: Row[]; minCell: number }>();
      expect(rows.minCell).toBe(3);
      expect(cell(rows.rows, "2026-01", "channel", "letter")?.items).toBe("<3");
      expect(cell(rows.rows, "2026-01", "channel", "visit")?.items).toBe("*");
      expect(cell(rows.rows, "2026-01", "total", "")?.items).toBe(5);
    } finally {
      await other.close();
    }
  });
});
