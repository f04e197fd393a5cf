import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TBreakdownRow, TStatsSummary } from "../../../domain/schemas/stats.ts";
import { caseInput, freshIdNumber, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();
const ids: Record<string, string> = {};
const unit: Record<string, string> = {};
let queryCodes: Record<string, { caseNumber: string; queryCode: string }> = {};

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

async function register(name: string, overrides: Record<string, unknown>) {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
  queryCodes = {
    ...queryCodes,
    [name]: { caseNumber: res.json().caseNumber, queryCode: res.json().queryCode },
  };
}

async function replyVia(id: string, lead: string) {
  for (const [user, action, body] of [
    ["reg", "accept", {}],
    ["office", "draft-opinion", { opinion: "交办" }],
    ["bleader", "sign", {}],
    ["leader", "sign", {}],
    ["office", "assign", { leadUnitId: unit[lead], instructions: "办理", dueDays: 10 }],
  ] as const) {
    const r = await post(user, id, action, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  const units = await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units");
  for (const r of units.rows) unit[r.path] = r.id;
  const cat = async (code: string) =>
    (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [code])).rows[0]!.id;
  const wages = await cat("labor.wage_arrears");
  const land = await cat("land.compensation");
  const repeatPerson = freshIdNumber();
  await register("t1CollectiveVisit", {
    channel: "visit",
    categoryId: wages,
    headcount: 8,
    destinationLevel: "county",
    receivedAt: "2026-01-10T09:00:00+08:00",
    petitioners: [{ name: "甲", idNumber: freshIdNumber(), householdRegionCode: "990001001001" }],
  });
  await register("t2IndividualVisit", {
    channel: "visit",
    nature: "appeal",
    problemRegionCode: "990001002001",
    destinationLevel: "provincial",
    categoryId: land,
    receivedAt: "2026-01-20T09:00:00+08:00",
    petitioners: [{ name: "乙", idNumber: repeatPerson, householdRegionCode: "990001002001" }],
  });
  await register("t2Repeat", {
    channel: "visit",
    nature: "appeal",
    problemRegionCode: "990001002001",
    destinationLevel: "provincial",
    categoryId: land,
    receivedAt: "2026-02-03T09:00:00+08:00",
    petitioners: [{ name: "乙", idNumber: repeatPerson, householdRegionCode: "990001002" }],
  });
  await register("t2Letter", {
    channel: "letter",
    nature: "suggestion",
    legalClass: "suggestion",
    problemRegionCode: "990001002",
    receivedAt: "2026-02-05T09:00:00+08:00",
  });
  await register("t1AccusationOnline", {
    channel: "online",
    nature: "accusation",
    legalClass: "accusation",
    problemRegionCode: "990001001",
    accusedUnitId: unit["c.t1"],
    receivedAt: "2026-02-06T09:00:00+08:00",
  });
  await register("countyOnline", {
    channel: "online",
    problemRegionCode: "990001",
    receivedAt: "2026-02-07T09:00:00+08:00",
  });
  await register("t1NationalCollective", {
    channel: "visit",
    headcount: 20,
    batchCount: 2,
    destinationLevel: "national",
    categoryId: wages,
    receivedAt: "2026-02-08T09:00:00+08:00",
  });
  await register("t1PhoneNoNature", {
    channel: "phone",
    nature: undefined,
    legalClass: undefined,
    problemRegionCode: "990001001",
    receivedAt: "2026-02-09T09:00:00+08:00",
  });
  await register("t2AccusesGaj", {
    channel: "letter",
    nature: "accusation",
    legalClass: "accusation",
    problemRegionCode: "990001002001",
    accusedUnitId: unit["c.gaj"],
    receivedAt: "2026-02-10T09:00:00+08:00",
  });
  await register("lastYear", { channel: "letter", receivedAt: "2025-02-10T09:00:00+08:00" });
  // Two cases assigned: one to 人社局 and answered and rated, one to 公安局 still handling.
  await replyVia(ids.t1CollectiveVisit!, "c.rsj");
  for (const [action, body] of [
    ["receive", {}],
    ["report-result", { result: "已支付", proposedOpinion: "support" }],
  ] as const) {
    expect((await post("rsj", ids.t1CollectiveVisit!, action, body)).statusCode).toBe(200);
  }
  expect((await post("office", ids.t1CollectiveVisit!, "vet-accept")).statusCode).toBe(200);
  const replied = await post("office", ids.t1CollectiveVisit!, "reply", {
    opinion: "support",
    text: "已协调支付。",
    legalBasis: "《保障农民工工资支付条例》",
  });
  expect(replied.statusCode, replied.body).toBe(200);
  const rated = await as(t.app, null).post("/api/public/evaluate", {
    ...queryCodes.t1CollectiveVisit,
    bureauRating: "satisfied",
    unitRating: "basically_satisfied",
  });
  expect(rated.statusCode, rated.body).toBe(200);
  await replyVia(ids.t2Letter!, "c.gaj");
});
afterAll(() => t.close());

async function summary(user: string, query = "period=year&year=2026"): Promise<TStatsSummary> {
  const res = await as(t.app, s.get(user)!).get(`/api/stats/summary?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TStatsSummary>();
}

async function listed(user: string, drill: string): Promise<{ total: number; ids: string[] }> {
  const res = await as(t.app, s.get(user)!).get(`/api/cases?pageSize=200&${drill}`);
  expect(res.statusCode, `${drill}: ${res.body}`).toBe(200);
  const body = res.json<{ total: number; items: { id: string }[] }>();
  return { total: body.total, ids: body.items.map((i) => i.id) };
}

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

/** Every figure of a summary with its drill-down, for checking them against the case list. */
function figures(sm: TStatsSummary): { what: string; count: number; drill: string | null }[] {
  const out: { what: string; count: number; drill: string | null }[] = [
    { what: "total", count: sm.totals.items, drill: sm.totals.drillDown },
  ];
  const rows = (what: string, list: TBreakdownRow[]) => {
    for (const r of list) out.push({ what: `${what}:${r.key}`, count: r.items, drill: r.drillDown });
  };
  for (const [d, list] of Object.entries(sm.breakdowns)) rows(d, list);
  for (const [kind, byChannel] of Object.entries(sm.splits)) {
    if (Array.isArray(byChannel)) continue;
    for (const [ch, list] of Object.entries(byChannel)) rows(`${kind}/${ch}`, list);
  }
  for (const r of sm.splits.visitsRegisteredAbove)
    out.push({ what: `registeredAbove:${r.key}`, count: r.items, drill: r.drillDown });
  for (const r of sm.splits.ratingsByChannel)
    out.push({ what: `ratingsByChannel:${r.key}`, count: r.rated, drill: r.drillDown });
  for (const [name, r] of Object.entries(sm.rates)) {
    for (const b of r.buckets) out.push({ what: `${name}:${b.bucket}`, count: b.count, drill: b.drillDown });
  }
  for (const u of sm.rankings) {
    out.push({ what: `unit ${u.unitName}`, count: u.items, drill: u.drillDown });
    out.push({ what: `unit ${u.unitName} overdue`, count: u.overdue, drill: u.overdueDrillDown });
  }
  return out;
}

describe("statistics figures", () => {
  it("counts items, batches and person-visits of the period, with 同比 against the same period last year", async () => {
    const sm = await summary("analyst");
    expect(sm.period).toMatchObject({ from: "2026-01-01", to: "2026-12-31", label: "2026年" });
    expect(sm.totals.items).toBe(9);
    // 批次 and 人次 are the visits' only (the report's "来访684件6859人次"): the four visits have
    // 8 + 1 + 1 + 20 = 30 persons in 5 batches; the five other cases' 5 petitioners are not person-visits.
    expect(sm.totals.personVisits).toBe(30);
    expect(sm.totals.batches).toBe(5);
    for (const r of sm.breakdowns.channel!.filter((r) => r.key !== "visit")) {
      expect([r.key, r.batches, r.personVisits]).toEqual([r.key, 0, 0]);
    }
    expect(sm.comparison.lastYear.items).toBe(1);
    expect(sm.comparison.items.yoy).toEqual({ current: 9, previous: 1, delta: 8, percent: 800 });
    // 劳资纠纷 (the two wage visits) is new this year; the uncategorised row grows from 1 to 5.
    const labour = sm.comparison.byCategory.find((c) => c.label === "劳资纠纷")!;
    expect(labour.yoy).toEqual({ current: 2, previous: 0, delta: 2, percent: null });
    expect(sm.comparison.byCategory.find((c) => c.key === null)!.yoy).toMatchObject({
      current: 5,
      previous: 1,
    });
    const visits = sm.breakdowns.channel!.find((r) => r.key === "visit")!;
    expect(visits).toMatchObject({ items: 4, batches: 5, personVisits: 30, share: 44.4 });
  });

  it("splits visits into individual and collective that add up to the visits, in items and person-visits", async () => {
    const sm = await summary("analyst");
    const visits = sm.breakdowns.channel!.find((r) => r.key === "visit")!;
    const split = sm.splits.byCollective.visit!;
    expect(split.map((r) => [r.label, r.items, r.personVisits])).toEqual([
      ["个体访", 2, 2],
      ["集体访", 2, 28],
    ]);
    expect(split.reduce((a, r) => a + r.items, 0)).toBe(visits.items);
    expect(split.reduce((a, r) => a + r.personVisits, 0)).toBe(visits.personVisits);
    const byDest = sm.splits.byDestinationLevel.visit!;
    expect(byDest.map((r) => [r.key, r.items, r.batches, r.personVisits])).toEqual([
      ["national", 1, 2, 20],
      ["provincial", 2, 2, 2],
      ["municipal", 0, 0, 0],
      ["county", 1, 1, 8],
    ]);
  });

  it("gives every figure a list filter under which GET /api/cases returns exactly that many cases", async () => {
    for (const user of ["analyst", "town1", "town2", "bleader"]) {
      for (const query of ["period=year&year=2026", "period=quarter&year=2026&index=1&channel=visit"]) {
        const sm = await summary(user, query);
        for (const f of figures(sm)) {
          if (f.drill === null) {
            expect(f.count, `${user} ${f.what} has no drill-down`).toBe(0);
            continue;
          }
          expect((await listed(user, f.drill)).total, `${user} ${query} ${f.what}: ${f.drill}`).toBe(f.count);
        }
      }
    }
  });

  it("drills a breakdown down to the very cases behind it", async () => {
    const sm = await summary("analyst");
    const nat = sm.breakdowns.destinationLevel!.find((r) => r.key === "national")!;
    expect((await listed("analyst", nat.drillDown!)).ids.map(nameOf)).toEqual(["t1NationalCollective"]);
    const blank = sm.breakdowns.nature!.find((r) => r.key === null)!;
    expect(blank.label).toBe("未填写");
    expect((await listed("analyst", blank.drillDown!)).ids.map(nameOf)).toEqual(["t1PhoneNoNature"]);
    const repeat = sm.rates.repeat.buckets[0]!;
    expect((await listed("analyst", repeat.drillDown!)).ids.map(nameOf)).toEqual(["t2Repeat"]);
    const rsj = sm.breakdowns.handlingUnit!.find((r) => r.label === "人社局")!;
    expect((await listed("analyst", rsj.drillDown!)).ids.map(nameOf)).toEqual(["t1CollectiveVisit"]);
  });

  it("computes the rates from the clocks and ratings", async () => {
    const sm = await summary("analyst");
    // Accepted on the test day within 15 days of receipt? Received 2026-01-10, accepted 2026-03-02: late.
    // Received 2026-02-05, accepted 2026-03-02 (25 days): late. All others still inside 15 days of receipt
    // are… none: every 2026 receipt is before 2026-02-15, so the rest are overdue and unaccepted.
    expect(sm.rates.timelyAcceptance).toMatchObject({ numerator: 0, denominator: 9 });
    expect(sm.rates.timelyAcceptance.buckets.map((b) => b.count)).toEqual([0, 2, 7]);
    expect(sm.rates.bureauSatisfaction).toMatchObject({ numerator: 1, denominator: 1, percent: 100 });
    expect(sm.rates.unitSatisfaction).toMatchObject({ numerator: 1, denominator: 1, percent: 100 });
    expect(sm.rates.evaluation).toMatchObject({ numerator: 1, denominator: 1 });
    expect(sm.rates.onTimeCompletion).toMatchObject({ numerator: 1, denominator: 1, percent: 100 });
    expect(sm.rates.repeat).toMatchObject({ numerator: 1, denominator: 9, percent: 11.1 });
    expect(sm.rates.onlineShare).toMatchObject({ numerator: 2, denominator: 9, percent: 22.2 });
    expect(sm.rankings.map((r) => [r.unitName, r.items, r.onTime.percent])).toEqual([
      ["人社局", 1, 100],
      ["公安局", 1, null],
    ]);
  });
});

describe("the statistics table (case_stats)", () => {
  it("always equals a recount from the source rows after registrations, workflow steps and ratings", async () => {
    const diff = await t.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM case_stats EXCEPT SELECT * FROM case_stats_source) a)::int
            + (SELECT count(*) FROM (SELECT * FROM case_stats_source EXCEPT SELECT * FROM case_stats) b)::int AS n`,
    );
    expect(diff.rows[0]!.n).toBe(0);
    const n = await t.db.query<{ stats: number; cases: number; lead: number }>(
      `SELECT (SELECT count(*) FROM case_stats)::int AS stats, (SELECT count(*) FROM cases)::int AS cases,
              (SELECT count(*) FROM case_stats WHERE lead_unit_id IS NOT NULL)::int AS lead`,
    );
    expect(n.rows[0]).toEqual({ stats: 10, cases: 10, lead: 2 });
  });
});

describe("who sees which figures", () => {
  it("counts for a township only its own area, without accusations against its own unit", async () => {
    const sm = await summary("town1");
    // 甲镇: the collective wage visit, the national collective visit and the phone call; not the
    // accusation against 甲镇 itself, nothing of 乙乡 and nothing at county level.
    expect(sm.totals.items).toBe(3);
    const all = await listed("town1", sm.totals.drillDown!);
    expect(all.ids.map(nameOf).sort()).toEqual([
      "t1CollectiveVisit",
      "t1NationalCollective",
      "t1PhoneNoNature",
    ]);
    expect(sm.rates.onlineShare.numerator).toBe(0);
    expect(sm.scope.name).toBe("甲镇");
    // Asking for another township's subtree gives nothing, not its figures.
    const other = await summary("town1", `period=year&year=2026&regionUnitId=${unit["c.t2"]}`);
    expect(other.totals.items).toBe(0);
    // 甲村: the two visits registered for 990001001001 (the village), not the phone call to the township.
    const village = await summary("village1");
    expect(village.totals.items).toBe(2);
  });

  it("keeps an accusation out of the accused department's figures", async () => {
    // 乙乡 sees three of its four cases: not the accusation against 公安局 in its area, which is
    // confidential from registration (the bureau's and the units it assigns).
    expect((await summary("town2")).totals.items).toBe(3);
    const leader = await as(t.app, s.get("leader")!).get("/api/stats/summary?period=year&year=2026");
    expect(leader.json().totals.items).toBe(9);
  });

  it("breaks a township down by its villages, and the county by townships", async () => {
    const county = await summary("analyst");
    expect(county.breakdowns.problemRegion!.map((r) => [r.label, r.items])).toEqual([
      ["甲镇", 4],
      ["乙乡", 4],
      ["测试县（本级）", 1],
    ]);
    const town = await summary("town1");
    expect(town.breakdowns.problemRegion!.map((r) => [r.label, r.items])).toEqual(
      [
        ["甲镇（本级）", 1],
        ["甲村", 2],
      ].sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
  });

  it("refuses statistics to administrators and case handlers, and asks for a login", async () => {
    for (const user of ["sysadmin", "auditadmin", "rsj"]) {
      expect((await as(t.app, s.get(user)!).get("/api/stats/summary")).statusCode).toBe(403);
    }
    expect((await as(t.app, null).get("/api/stats/summary")).statusCode).toBe(401);
  });

  it("answers a bad period with 400 and a clear code", async () => {
    for (const q of [
      "period=quarter&year=2026",
      "period=custom&from=2026-03-01&to=2026-01-01",
      "period=week",
    ]) {
      const res = await as(t.app, s.get("analyst")!).get(`/api/stats/summary?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(["STATS_PERIOD_INVALID", "VALIDATION_FAILED"]).toContain(res.json().error.code);
    }
  });

  it("ranks handling units by overdue count on request", async () => {
    const res = await as(t.app, s.get("bleader")!).get("/api/stats/rankings?year=2026&sortBy=overdue");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((r: { unitName: string }) => r.unitName)).toHaveLength(2);
  });
});
