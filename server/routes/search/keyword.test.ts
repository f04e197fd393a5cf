import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTokens } from "../../search/segment.ts";
import { DEFAULT_SYNONYMS } from "../../search/synonyms.ts";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

/**
 * What a clerk types into either keyword box (the search page and the case list): a place or
 * company name jieba cuts across, a synonym, a case number or its last digits, a petitioner's name.
 */
let t: TestContext;
let reg: Session;
let leader: Session;
let admin: Session;
const ids: Record<string, string> = {};
const numbers: Record<string, string> = {};

async function register(name: string, overrides: Record<string, unknown>) {
  const res = await as(t.app, reg).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
  numbers[name] = (
    await t.db.query<{ n: string }>("SELECT case_number AS n FROM cases WHERE id = $1", [ids[name]])
  ).rows[0]!.n;
}

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

interface Page {
  items: { id: string; rank: number }[];
  total: number;
}

/** The search page (POST, as the console sends it) and the case list's keyword box. */
async function both(
  session: Session,
  q: string,
): Promise<{ search: string[]; list: string[]; total: number }> {
  const s = await as(t.app, session).post("/api/search/cases", { q, pageSize: 50 });
  expect(s.statusCode, s.body).toBe(200);
  const l = await as(t.app, session).get(`/api/cases?q=${encodeURIComponent(q)}&pageSize=50`);
  expect(l.statusCode, l.body).toBe(200);
  const sp = s.json<Page>();
  return {
    search: sp.items.map((i) => nameOf(i.id) ?? i.id),
    list: l.json<Page>().items.map((i) => nameOf(i.id) ?? i.id),
    total: sp.total,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  leader = await login(t.app, "bleader");
  admin = await login(t.app, "sysadmin");
  await register("liushuwan", {
    title: "村里的路坏了",
    content: "我是柳树湾村村民，村东头的路去年被拉沙车压坏，下雨天孩子上学走不了。",
    receivedAt: "2026-01-01T09:00:00+08:00",
  });
  await register("jiajiawan", {
    title: "外嫁女分不到征地款",
    content: "我是贾家湾村的外嫁女，户口一直在村里，村里分征地补偿款不给我分。",
    receivedAt: "2026-01-02T09:00:00+08:00",
  });
  await register("yongxing", {
    title: "厂里欠我工钱",
    content: "我在永兴纺织有限公司上班，公司欠我三个月工钱没发，老板说等货款。",
    receivedAt: "2026-01-03T09:00:00+08:00",
  });
  await register("taoxin", {
    title: "讨薪无门",
    content: "干了一年活，包工头跑了，去工地讨薪没人理。",
    receivedAt: "2026-01-04T09:00:00+08:00",
  });
  await register("wordMatch", {
    title: "工资被克扣",
    content: "单位克扣工资，每月少发八百。",
    receivedAt: "2026-01-05T09:00:00+08:00",
  });
  await register("gramOnly", {
    title: "档案丢失",
    content: "单位把员工资料弄丢了，我的人事档案找不到。",
    receivedAt: "2026-01-06T09:00:00+08:00",
  });
  await register("named", {
    title: "邻里纠纷",
    content: "邻居家的狗咬伤了我家的羊，对方不肯赔。",
    petitioners: [{ name: "欧阳秀芝", idNumber: freshIdNumber(), phone: "13700001111", address: "乙村三组" }],
    receivedAt: "2026-01-07T09:00:00+08:00",
  });
});
afterAll(() => t.close());

describe("substrings of names jieba cuts across (character bigrams)", () => {
  it("finds villages and companies by their full name and by any 2–4 characters of it, in both boxes", async () => {
    // jieba does not keep these names whole: the word index alone misses them.
    const cut = searchTokens("我是柳树湾村村民我是贾家湾村的外嫁女我在永兴纺织有限公司上班");
    expect(["柳树湾村", "贾家湾村", "永兴纺织"].filter((n) => cut.includes(n)).length).toBeLessThan(3);
    for (const [query, name] of [
      ["柳树湾村", "liushuwan"],
      ["柳树湾", "liushuwan"],
      ["树湾村", "liushuwan"],
      ["贾家湾村", "jiajiawan"],
      ["贾家湾", "jiajiawan"],
      ["永兴纺织", "yongxing"],
      ["兴纺", "yongxing"],
    ] as const) {
      const r = await both(reg, query);
      expect(r.search, query).toEqual([name]);
      expect(r.list, query).toEqual([name]);
    }
  });

  it("needs every token: a name and a word that are not in the same case find nothing", async () => {
    expect((await both(reg, "柳树湾村 外嫁女")).search).toEqual([]);
    expect((await both(reg, "贾家湾 外嫁女")).search).toEqual(["jiajiawan"]);
  });

  it("ranks a word match above a case that holds the characters only across two words", async () => {
    const s = await as(t.app, reg).post("/api/search/cases", { q: "工资" });
    const items = s.json<Page>().items;
    const order = items.map((i) => nameOf(i.id));
    expect(order).toContain("gramOnly");
    expect(order.indexOf("wordMatch")).toBeLessThan(order.indexOf("gramOnly"));
    const gram = items.find((i) => nameOf(i.id) === "gramOnly")!;
    const word = items.find((i) => nameOf(i.id) === "wordMatch")!;
    expect(word.rank).toBeGreaterThanOrEqual(1);
    expect(gram.rank).toBeLessThan(1);
  });
});

describe("synonyms at query time", () => {
  it("finds 欠薪 under 讨薪, 欠工钱 and 拖欠工资", async () => {
    const r = await both(reg, "欠薪");
    expect(r.search).toEqual(expect.arrayContaining(["taoxin", "yongxing"]));
    expect(r.list.sort()).toEqual(r.search.sort());
  });

  it("lets the system administrator edit the list, audited, and the next search uses it", async () => {
    const before = await as(t.app, reg).get("/api/search/synonyms");
    expect(before.json().groups).toEqual(DEFAULT_SYNONYMS);
    expect((await both(reg, "犬伤")).search).toEqual([]);
    const audits = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings_search_synonyms'",
    );
    const put = await as(t.app, admin).put("/api/search/synonyms", {
      groups: [
        ["狗咬", "犬伤", "咬伤"],
        ["欠薪", "讨薪"],
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await both(reg, "犬伤")).search).toEqual(["named"]);
    expect((await both(reg, "狗咬")).list).toEqual(["named"]);
    // 欠工钱 left the group: 欠薪 no longer finds the company that owed 工钱.
    expect((await both(reg, "欠薪")).search).toEqual(["taoxin"]);
    const after = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings_search_synonyms'",
    );
    expect(after.rows[0]!.n).toBe(audits.rows[0]!.n + 1);
  });

  it("refuses a bad list with a clear error in Chinese and English, and changes nothing", async () => {
    const counts = await snapshotCounts(t.db);
    const current = (await as(t.app, reg).get("/api/search/synonyms")).json();
    for (const groups of [
      [["欠薪"]],
      [["欠 薪", "讨薪"]],
      [["欠薪", "讨薪'); DROP TABLE cases; --"]],
      [
        ["欠薪", "讨薪"],
        ["讨薪", "工资拖欠"],
      ],
      [["欠薪", "欠薪"]],
      [["", "讨薪"]],
      "欠薪=讨薪",
    ]) {
      const res = await as(t.app, admin).put("/api/search/synonyms", { groups });
      expect(res.statusCode, JSON.stringify(groups)).toBe(400);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/u);
      expect(res.json().error.messageEn).toMatch(/[a-z]/);
    }
    expect((await as(t.app, reg).put("/api/search/synonyms", { groups: [["甲", "乙"]] })).statusCode).toBe(
      403,
    );
    expect((await as(t.app, reg).get("/api/search/synonyms")).json()).toEqual(current);
    expect(await snapshotCounts(t.db)).toEqual(counts);
  });
});

describe("case numbers", () => {
  it("finds a case by its full number and by its last 4 to 7 digits, first, in both boxes", async () => {
    const n = numbers.yongxing!;
    expect((await both(reg, n)).search[0]).toBe("yongxing");
    expect((await both(reg, n)).list).toEqual(["yongxing"]);
    for (const k of [4, 5, 6, 7]) {
      const r = await both(reg, n.slice(-k));
      expect(r.search[0], n.slice(-k)).toBe("yongxing");
      expect(r.list, n.slice(-k)).toContain("yongxing");
    }
  });

  it("finds a case another township cannot read for nobody there", async () => {
    const town2 = await login(t.app, "town2");
    const r = await both(town2, numbers.yongxing!);
    expect(r.search).toEqual([]);
    expect(r.list).toEqual([]);
    expect(r.total).toBe(0);
  });
});

describe("petitioner names", () => {
  it("finds a registrar the cases of a name, exactly, in both boxes", async () => {
    const r = await both(reg, "欧阳秀芝");
    expect(r.search).toEqual(["named"]);
    expect(r.list).toEqual(["named"]);
    expect((await both(reg, "欧阳秀")).search).toEqual([]);
  });

  it("gives a role that may not see names no hit, no count and no change of order", async () => {
    // The bureau's leader reads the case, but not who brought it.
    const detail = await as(t.app, leader).get(`/api/cases/${ids.named}`);
    expect(detail.statusCode).toBe(200);
    const r = await both(leader, "欧阳秀芝");
    expect(r).toEqual({ search: [], list: [], total: 0 });
    const withName = await as(t.app, leader).post("/api/search/cases", { q: "邻居 欧阳秀芝" });
    expect(withName.json().total).toBe(0);
    const plain = await as(t.app, leader).post("/api/search/cases", { q: "邻居" });
    expect(plain.json().items.map((i: { id: string }) => nameOf(i.id))).toEqual(["named"]);
    expect(plain.json().items[0].rank).toBeLessThan(2);
  });
});
