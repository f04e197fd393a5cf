import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCaseListQuery } from "../../../domain/schemas/case.ts";
import type { Actor } from "../../auth/actor.ts";
import { SqlParams } from "../../db/sql.ts";
import { anonymiseArchivedCases } from "../../ops/anonymise.ts";
import { areaTermSql } from "../../search/keyword.ts";
import { searchCases } from "../../search/search-cases.ts";
import { searchTokens } from "../../search/segment.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();
let rsjUnit: string;

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

async function register(overrides: Record<string, unknown>): Promise<string> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function found(user: string, words: string): Promise<{ ids: string[]; total: number }> {
  const res = await as(t.app, s.get(user)!).get(`/api/search/cases?q=${encodeURIComponent(words)}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ items: { id: string }[]; total: number }>();
  return { ids: body.items.map((i) => i.id), total: body.total };
}

/**
 * Rows of cases and the side tables that disagree on the copied columns (or exist on one side
 * only): case_search (date, paths, the area terms) and case_search_bigrams (the petition's bigrams).
 */
async function outOfSync(): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT (SELECT count(*)::int FROM cases c FULL JOIN case_search s ON s.id = c.id
              WHERE c.id IS NULL OR s.id IS NULL OR s.received_at <> c.received_at
                 OR s.region_path <> c.region_path OR s.accused_path IS DISTINCT FROM c.accused_path
                 OR s.areas <> xf_area_terms(c.region_path) OR s.headcount <> c.headcount)
          + (SELECT count(*)::int FROM cases c FULL JOIN case_search_bigrams b ON b.id = c.id
              WHERE c.id IS NULL OR b.id IS NULL OR b.grams <> xf_bigrams(c.title || E'\\n' || c.content)) AS n`,
  );
  return rows[0]!.n;
}

async function actorOf(username: string): Promise<Actor> {
  const u = (
    await t.db.query<{ id: string; unit_id: string; name: string; kind: string; path: string }>(
      `SELECT u.id, o.id AS unit_id, o.name, o.kind, o.path FROM users u JOIN org_units o ON o.id = u.unit_id
        WHERE u.username = $1`,
      [username],
    )
  ).rows[0]!;
  const def = TEST_USERS.find((x) => x.username === username)!;
  // Township staff see their township; everyone here at the bureau sees the county.
  const areaPath = def.roles.includes("local_staff") ? u.path : "c";
  return {
    id: u.id,
    username,
    displayName: def.displayName,
    roles: def.roles,
    unitId: u.unit_id,
    unitName: u.name,
    unitKind: u.kind,
    unitPath: u.path,
    areaPath,
  } as Actor;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  rsjUnit = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.rsj'")).rows[0]!.id;
});
afterAll(() => t.close());

describe("replies and notes in the search index", () => {
  it("finds a case by a word only in its reply, its unit's result or a follow-up note, and only for users who may read it", async () => {
    const id = await register({ title: "反映小区路灯不亮", content: "小区路灯坏了三个月无人维修。" });
    expect((await found("reg", "燃气管道")).total).toBe(0);
    await post("reg", id, "accept");
    expect((await post("office", id, "draft-opinion", { opinion: "交人社局办理" })).statusCode).toBe(200);
    await post("bleader", id, "sign");
    await post("leader", id, "sign");
    await post("office", id, "assign", { leadUnitId: rsjUnit, instructions: "办理", dueDays: 10 });
    await post("rsj", id, "receive");
    expect(
      (await post("rsj", id, "report-result", { result: "已联系供电所更换灯泡", proposedOpinion: "support" }))
        .statusCode,
    ).toBe(200);
    expect((await found("reg", "供电所")).ids).toEqual([id]);
    await post("office", id, "vet-accept");
    const replied = await post("office", id, "reply", {
      opinion: "support",
      text: "经核查，已协调燃气管道改造后一并修复路灯。",
      legalBasis: "《信访工作条例》第三十二条",
    });
    expect(replied.statusCode, replied.body).toBe(200);

    expect((await found("reg", "燃气管道")).ids).toEqual([id]);
    expect((await found("rsj", "燃气管道")).ids).toEqual([id]);
    // Another township's staff and a unit the case was never assigned to learn nothing, not even a count.
    for (const user of ["town2", "gaj"])
      expect(await found(user, "燃气管道"), user).toEqual({ ids: [], total: 0 });
    // The petition's own words still match after the reply rebuilt the entry.
    expect((await found("reg", "路灯 维修")).ids).toEqual([id]);

    const call = await post("office", id, "follow-up", { note: "回访时信访人提出楼道积水" });
    expect(call.statusCode, call.body).toBe(200);
    expect((await found("reg", "楼道积水")).ids).toEqual([id]);
    // The plain case list's word filter reads the same index.
    const list = await as(t.app, s.get("reg")!).get(`/api/cases?q=${encodeURIComponent("燃气管道")}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(await outOfSync()).toBe(0);
  });
});

describe("the search side table follows the cases", () => {
  it("has a row for a case from the moment it is registered", async () => {
    const id = await register({
      title: "反映水库移民补助未发放",
      content: "水库移民后期扶持补助两年未发放。",
    });
    expect(await outOfSync()).toBe(0);
    expect((await found("reg", "移民补助")).ids).toEqual([id]);
  });

  it("moves a case between townships' results when its place or date is corrected", async () => {
    const id = await register({ title: "反映养殖场臭味扰民", content: "村边养殖场臭味严重。" });
    expect((await found("town1", "养殖场")).ids).toEqual([id]);
    const t2 = (
      await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units WHERE path = 'c.t2.v1'")
    ).rows[0]!;
    await t.db.query(
      `UPDATE cases SET region_unit_id = $2, region_path = $3, problem_region_code = '990001002001',
              received_at = received_at - interval '1 day' WHERE id = $1`,
      [id, t2.id, t2.path],
    );
    expect(await outOfSync()).toBe(0);
    expect(await found("town1", "养殖场")).toEqual({ ids: [], total: 0 });
    expect((await found("town2", "养殖场")).ids).toEqual([id]);
  });

  it("keeps the headcount beside the words when it is corrected after registration", async () => {
    const id = await register({ title: "反映渠道占用", content: "渠道被人占用无法浇地。" });
    const side = async () =>
      (await t.db.query<{ h: number }>("SELECT headcount AS h FROM case_search WHERE id = $1", [id])).rows[0]!
        .h;
    expect(await side()).toBe(1);
    await t.db.query("UPDATE cases SET headcount = 37 WHERE id = $1", [id]);
    expect(await side()).toBe(37);
    // A change of another column leaves it as it is.
    await t.db.query("UPDATE cases SET severity = severity WHERE id = $1", [id]);
    expect(await side()).toBe(37);
    expect(await outOfSync()).toBe(0);
  });

  it("keeps the entry of a merged case and of the case it was merged into", async () => {
    const original = await register({ title: "反映采石场爆破震裂房屋", content: "采石场爆破导致房屋开裂。" });
    const repeat = await register({ title: "再次反映采石场爆破", content: "采石场爆破房屋开裂无人管。" });
    const merged = await post("reg", repeat, "merge", { intoCaseId: original });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(await outOfSync()).toBe(0);
    expect((await found("reg", "采石场")).ids.sort()).toEqual([original, repeat].sort());
  });

  it("drops the petition's content, reply and notes from the index when the case is anonymised", async () => {
    const id = await register({ title: "李四反映宅基地纠纷", content: "李四与邻居宅基地界址纠纷。" });
    await t.db.query("UPDATE case_events SET note = '已约谈李四本人' WHERE case_id = $1", [id]);
    await t.db.query(
      "UPDATE cases SET status = 'archived', reply_text = '李四的宅基地已确权' WHERE id = $1",
      [id],
    );
    const { indexCaseNotes } = await import("../../search/index-case.ts");
    await indexCaseNotes(t.db, id);
    expect((await found("reg", "确权")).ids).toEqual([id]);
    await t.db.query("UPDATE case_events SET at = at - interval '4000 days' WHERE case_id = $1", [id]);
    const result = await anonymiseArchivedCases(t.db, { olderThanDays: 3650, now: t.clock.now });
    expect(result.cases.map((c) => c.id)).toContain(id);
    expect(await outOfSync()).toBe(0);
    // The redacted title stays searchable; the content, reply and notes do not.
    expect((await found("reg", "宅基地")).ids).toContain(id);
    for (const word of ["界址", "确权", "约谈"])
      expect((await found("reg", word)).ids, word).not.toContain(id);
  });
});

describe("restoring a backup", () => {
  it("lets a loaded search row (with its replies and notes) replace the one derived from the restored case", async () => {
    const id = await register({ title: "反映渠道淤塞", content: "灌溉渠道淤塞影响浇地。" });
    const row = (
      await t.db.query<{ received_at: Date; region_path: string }>(
        "SELECT received_at, region_path FROM case_search WHERE id = $1",
        [id],
      )
    ).rows[0]!;
    await t.db.query(
      `INSERT INTO case_search (id, received_at, region_path, accused_path, tsv)
       VALUES ($1, $2, $3, NULL, to_tsvector('simple', '灌溉 渠道 清淤 答复'))`,
      [id, row.received_at, row.region_path],
    );
    // The bigrams' table too: the loaded row replaces the derived one instead of colliding.
    await t.db.query(
      "INSERT INTO case_search_bigrams (id, grams) VALUES ($1, xf_bigrams('反映渠道淤塞' || E'\\n' || '灌溉渠道淤塞影响浇地。'))",
      [id],
    );
    expect((await found("reg", "道淤")).ids).toEqual([id]);
    expect((await found("reg", "清淤")).ids).toEqual([id]);
    expect(await outOfSync()).toBe(0);
  });
});

describe("counting and ranking many matches", () => {
  it("caps the count with an honest 'more than', ranks the newest matches, and counts only readable cases", async () => {
    const t1 = [] as string[];
    for (let i = 0; i < 5; i++) {
      t1.push(
        await register({
          title: `反映桥梁护栏损坏${i}`,
          content: "村口桥梁护栏损坏存在安全隐患。",
          receivedAt: `2026-02-1${i}T09:00:00+08:00`,
        }),
      );
    }
    const t2 = [] as string[];
    for (let i = 0; i < 3; i++) {
      t2.push(
        await register({
          title: `乙村桥梁护栏${i}`,
          content: "乙村桥梁护栏被车撞坏。",
          problemRegionCode: "990001002001",
          receivedAt: `2026-01-1${i}T09:00:00+08:00`,
        }),
      );
    }
    const f = ZCaseListQuery.parse({ q: "桥梁护栏" });
    const caps = { countCap: 3, rankCap: 2 };
    const county = await searchCases(t.db, await actorOf("reg"), f, {}, caps);
    expect(county.total).toBe(3);
    expect(county.totalIsExact).toBe(false);
    // Beyond the cap only the newest matches are ranked: the two most recent t1 cases.
    expect(county.rows.map((r) => r.id).sort()).toEqual([t1[4], t1[3]].sort());
    // Township 2 has exactly the cap: the count is exact, so township 1's matches were not counted.
    const town2 = await searchCases(t.db, await actorOf("town2"), f, {}, caps);
    expect({ total: town2.total, exact: town2.totalIsExact }).toEqual({ total: 3, exact: true });
    expect(town2.rows.map((r) => r.id).sort()).toEqual([...t2].sort());
    const town1 = await searchCases(t.db, await actorOf("town1"), f, {}, caps);
    expect(town1.totalIsExact).toBe(false);
    expect(town1.rows.every((r) => t1.includes(r.id))).toBe(true);
    // The same beyond the cap with a list filter (the side table is then joined to cases).
    const filtered = await searchCases(
      t.db,
      await actorOf("reg"),
      ZCaseListQuery.parse({ q: "桥梁护栏", channel: "visit", from: "2026-02-11" }),
      {},
      caps,
    );
    expect({ total: filtered.total, exact: filtered.totalIsExact }).toEqual({ total: 3, exact: false });
    expect(filtered.rows.map((r) => r.id).sort()).toEqual([t1[4], t1[3]].sort());
    // Under the cap everything is ranked and the count is exact.
    const all = await searchCases(t.db, await actorOf("reg"), f);
    expect({ total: all.total, exact: all.totalIsExact }).toEqual({ total: 8, exact: true });
  });
});

describe("what a search reads at 1,000,000 cases (issue #18)", () => {
  it("searches the bigrams only when the words find few cases, and still ranks word matches first", async () => {
    const word = await register({ title: "食堂饭菜变质", content: "学校食堂饭菜变质，学生吃了拉肚子。" });
    // 堂饭 is no word of either text: the second holds it only across 食堂 and 饭卡.
    const gram = await register({ title: "饭卡余额被扣", content: "孩子在学校食堂饭卡里的钱被扣了。" });
    const f = ZCaseListQuery.parse({ q: "食堂饭菜" });
    const reg = await actorOf("reg");
    const few = await searchCases(t.db, reg, f, {}, { gramBelow: 100 });
    expect(few.rows.map((r) => r.id)).toEqual([word]);
    const q = ZCaseListQuery.parse({ q: "堂饭" });
    const byGrams = await searchCases(t.db, reg, q);
    expect(byGrams.rows.map((r) => r.id).sort()).toEqual([word, gram].sort());
    expect(byGrams.rows.every((r) => r.rank < 1)).toBe(true);
    // 食堂: both by words (one word match is enough at gramBelow 1, so the bigrams are not read).
    const common = await searchCases(t.db, reg, ZCaseListQuery.parse({ q: "食堂" }), {}, { gramBelow: 1 });
    expect(common.rows.map((r) => r.id).sort()).toEqual([word, gram].sort());
    expect(common.rows.every((r) => r.rank >= 1)).toBe(true);
    // 水渠: a word of the first text, only bigrams of the second (喝水 | 渠道).
    const ditch = await register({ title: "水渠堵了", content: "村里的水渠堵了，地浇不上。" });
    const drink = await register({ title: "吃水难", content: "村民喝水渠道不通，自来水停了。" });
    expect(searchTokens("村民喝水渠道不通")).not.toContain("水渠");
    const canal = ZCaseListQuery.parse({ q: "水渠" });
    const under = await searchCases(t.db, reg, canal, {}, { gramBelow: 100 });
    expect(under.rows.map((r) => r.id)).toEqual([ditch, drink]);
    expect(under.total).toBe(2);
    // One word match reaches a threshold of one: the bigrams are not read, the count is the words'.
    const over = await searchCases(t.db, reg, canal, {}, { gramBelow: 1 });
    expect(over.rows.map((r) => r.id)).toEqual([ditch]);
    expect(over.total).toBe(1);
  });

  it("keeps a village's staff to its village and a township's to its township, through the area term", async () => {
    const v1 = (
      await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units WHERE path = 'c.t1.v1'")
    ).rows[0];
    const other = await register({ title: "反映晒谷场被占", content: "晒谷场被人堆放建材。" });
    const inVillage = await register({ title: "反映晒谷场被占用", content: "村里晒谷场被占。" });
    if (v1)
      await t.db.query("UPDATE cases SET region_unit_id = $2, region_path = $3 WHERE id = $1", [
        inVillage,
        v1.id,
        v1.path,
      ]);
    await t.db.query(
      "UPDATE cases SET region_path = 'c.t2', region_unit_id = (SELECT id FROM org_units WHERE path = 'c.t2') WHERE id = $1",
      [other],
    );
    expect(await outOfSync()).toBe(0);
    const village = await actorOf("village1");
    const r = await searchCases(
      t.db,
      { ...village, areaPath: "c.t1.v1" },
      ZCaseListQuery.parse({ q: "晒谷场" }),
    );
    expect(r.rows.map((x) => x.id)).toEqual([inVillage]);
    expect(
      (await searchCases(t.db, await actorOf("town1"), ZCaseListQuery.parse({ q: "晒谷场" }))).total,
    ).toBe(1);
    expect(
      (await searchCases(t.db, await actorOf("town2"), ZCaseListQuery.parse({ q: "晒谷场" }))).total,
    ).toBe(1);
    expect((await searchCases(t.db, await actorOf("reg"), ZCaseListQuery.parse({ q: "晒谷场" }))).total).toBe(
      2,
    );
  });

  it("uses the area term only where it repeats the visibility rule", () => {
    const base = {
      id: "u",
      username: "u",
      displayName: "u",
      unitId: "x",
      unitName: "x",
      unitKind: "township",
      unitPath: "c.t1",
      areaPath: "c.t1",
    };
    const term = (roles: Actor["roles"], areaPath = "c.t1") =>
      areaTermSql({ ...base, roles, areaPath }, new SqlParams());
    expect(term(["local_staff"])).toContain("areas @@");
    // A unit's staff read cases assigned to the unit wherever they lie: no area term.
    expect(term(["local_staff", "unit_staff"])).toBeNull();
    expect(term(["unit_leader"])).toBeNull();
    // The county root narrows nothing.
    expect(term(["registrar"], "c")).toBeNull();
    // A path with a quote cannot break out of the lexeme.
    const p = new SqlParams();
    areaTermSql({ ...base, roles: ["local_staff"], areaPath: "c.t'1" }, p);
    expect(p.values).toEqual(["'c.t''1'"]);
  });
});
