import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let reg: Session;
const ids: Record<string, string> = {};
const wageId = freshIdNumber();

async function register(name: string, overrides: Record<string, unknown>) {
  const res = await as(t.app, reg).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
}

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

/** A query string goes to GET; an object is the same search in a POST body. */
async function search(session: Session, query: string | Record<string, unknown>) {
  const res =
    typeof query === "string"
      ? await as(t.app, session).get(`/api/search/cases?${query}`)
      : await as(t.app, session).post("/api/search/cases", query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    items: {
      id: string;
      rank: number;
      titleHighlight: { text: string; ranges: [number, number][] };
      snippet: { text: string; ranges: [number, number][] };
    }[];
    total: number;
    totalIsExact: boolean;
    terms: string[];
  }>();
}

const q = (s: string) => `q=${encodeURIComponent(s)}`;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  const t1 = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.t1'")).rows[0]!.id;
  await register("wages", {
    title: "宏达建筑公司拖欠农民工工资",
    content:
      "我们十二名农民工在滨河花园工地干活，宏达建筑公司拖欠工资共计十二万元，多次讨要无果，请求督促支付。",
    petitioners: [{ name: "王建国", idNumber: wageId, phone: "13912345678", address: "甲村一组" }],
    receivedAt: "2026-02-01T09:00:00+08:00",
  });
  await register("wagesMention", {
    title: "反映村道损坏",
    content: "村里道路损坏严重。另外去年修路的工人说工资也没有拿到，拖欠了半年。",
    receivedAt: "2026-02-02T09:00:00+08:00",
  });
  await register("landT2", {
    title: "青龙村征地补偿款未到位",
    content: "青龙村的耕地被征收用于南环路建设，补偿款只发了一半，拖欠至今。",
    problemRegionCode: "990001002001",
    receivedAt: "2026-02-03T09:00:00+08:00",
  });
  await register("accusation", {
    title: "举报甲镇干部截留补贴",
    content: "举报甲镇干部截留惠农补贴，请求纪委调查。",
    nature: "accusation",
    legalClass: "accusation",
    accusedUnitId: t1,
    receivedAt: "2026-02-04T09:00:00+08:00",
  });
});
afterAll(() => t.close());

describe("full-text search", () => {
  it("ranks the case about the words above one that only mentions them, and highlights the words", async () => {
    const r = await search(reg, q("拖欠工资"));
    expect(r.items.map((i) => nameOf(i.id))).toEqual(["wages", "wagesMention"]);
    expect(r.total).toBe(2);
    expect(r.totalIsExact).toBe(true);
    expect(r.items[0]!.rank).toBeGreaterThan(r.items[1]!.rank);
    const title = r.items[0]!.titleHighlight;
    expect(title.ranges.map(([a, b]) => title.text.slice(a, b))).toEqual(["拖欠", "工资"]);
    const snip = r.items[1]!.snippet;
    expect(snip.ranges.map(([a, b]) => snip.text.slice(a, b))).toEqual(
      expect.arrayContaining(["工资", "拖欠"]),
    );
  });

  it("combines the words with the list filters", async () => {
    expect((await search(reg, `${q("拖欠")}&regionCode=990001002`)).items.map((i) => nameOf(i.id))).toEqual([
      "landT2",
    ]);
    expect(
      (await search(reg, `${q("拖欠")}&from=2026-02-02&to=2026-02-02`)).items.map((i) => nameOf(i.id)),
    ).toEqual(["wagesMention"]);
    expect((await search(reg, `${q("拖欠")}&nature=accusation`)).total).toBe(0);
  });

  it("finds nothing for words in no case, and pages without losing the total", async () => {
    expect((await search(reg, q("高速公路"))).total).toBe(0);
    const page2 = await search(reg, `${q("拖欠")}&pageSize=1&page=2`);
    expect(page2.total).toBe(3);
    expect(page2.items).toHaveLength(1);
  });

  it("never shows a township another township's case, not even in the count", async () => {
    const town1 = await login(t.app, "town1");
    const town2 = await login(t.app, "town2");
    const seen = await search(town1, q("青龙村"));
    expect(seen.items).toEqual([]);
    expect(seen.total).toBe(0);
    const own = await search(town2, q("青龙村"));
    expect(own.items.map((i) => nameOf(i.id))).toEqual(["landT2"]);
    // The word is in cases of both townships: each counts only its own.
    expect((await search(town2, q("拖欠"))).total).toBe(1);
    expect((await search(town1, q("拖欠"))).total).toBe(2);
  });

  it("hides an accusation from the accused township, in rows and count", async () => {
    const town1 = await login(t.app, "town1");
    expect((await search(town1, q("截留补贴"))).total).toBe(0);
    expect((await search(reg, q("截留补贴"))).items.map((i) => nameOf(i.id))).toEqual(["accusation"]);
  });
});

describe("search by petitioner", () => {
  it("finds a registrar the cases of an ID number, a phone or a name sent in the body, by exact match", async () => {
    expect((await search(reg, { idNumber: wageId })).items.map((i) => nameOf(i.id))).toEqual(["wages"]);
    expect((await search(reg, { phone: "139-1234-5678" })).items.map((i) => nameOf(i.id))).toEqual(["wages"]);
    expect((await search(reg, { petitionerName: "王建国" })).items.map((i) => nameOf(i.id))).toEqual([
      "wages",
    ]);
    expect((await search(reg, { petitionerName: "王建" })).total).toBe(0);
    expect((await search(reg, { phone: "13912345679" })).total).toBe(0);
    // The body takes every filter of the query string, in the same form.
    expect((await search(reg, { q: "拖欠", idNumber: wageId, page: "1", pageSize: 5 })).items).toHaveLength(
      1,
    );
    expect(
      (await search(reg, { q: "拖欠", regionCode: "990001002" })).items.map((i) => nameOf(i.id)),
    ).toEqual(["landT2"]);
  });

  it("refuses a petitioner's name, ID number or phone in the address, even from a registrar, counting nothing", async () => {
    for (const query of [
      `idNumber=${wageId}`,
      "phone=13912345678",
      `petitionerName=${encodeURIComponent("王建国")}`,
    ]) {
      const res = await as(t.app, reg).get(`/api/search/cases?${query}&${q("工资")}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe("SEARCH_PERSON_IN_URL");
      expect(res.body).not.toContain("total");
    }
  });

  it("refuses identity search to roles that may not see identity, before counting anything", async () => {
    for (const user of ["analyst", "town1", "leader"]) {
      const s = await login(t.app, user);
      const res = await as(t.app, s).post("/api/search/cases", { idNumber: wageId });
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.code).toBe("SEARCH_PERSON_FORBIDDEN");
      expect(res.body).not.toContain("total");
    }
  });

  it("answers a malformed ID number with 422 and an unknown filter value with 400", async () => {
    const bad = await as(t.app, reg).post("/api/search/cases", { idNumber: "123" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe("ID_NUMBER_INVALID");
    expect((await as(t.app, reg).get("/api/search/cases?channel=fax")).statusCode).toBe(400);
    expect((await as(t.app, reg).post("/api/search/cases", { channel: "fax" })).statusCode).toBe(400);
  });

  it("is described in the OpenAPI document, the POST with its body", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const search = doc.paths["/api/search/cases"]!;
    expect(Object.keys(search).sort()).toEqual(["get", "post"]);
    expect(JSON.stringify(search.post)).toContain("idNumber");
    expect(JSON.stringify(search.get)).toContain("SEARCH_PERSON_IN_URL");
  });

  it("requires a login, and the CSRF token for the POST", async () => {
    expect((await as(t.app, null).get(`/api/search/cases?${q("工资")}`)).statusCode).toBe(401);
    expect((await as(t.app, null).post("/api/search/cases", { q: "工资" })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/search/cases",
      headers: { cookie: reg.cookie },
      payload: { idNumber: wageId },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
