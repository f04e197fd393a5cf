import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * The knowledge base (issue #19 §2): entries edited by the bureau office with every version kept,
 * searched with jieba words, suggested while drafting an opinion or reply together with the most
 * similar answered cases — which never carry another petitioner's personal data, and never come
 * from a case the handler may not read.
 */
let t: TestContext;
const s = new Map<string, Session>();
let labor = ""; // 劳资纠纷 (top level)
let wages = ""; // 拖欠农民工工资 (under 劳资纠纷)
let land = ""; // 征地补偿 (another family)

const office = () => as(t.app, s.get("office")!);

const entry = (over: Record<string, unknown> = {}) => ({
  categoryId: wages,
  kind: "policy",
  title: "农民工工资被拖欠怎么办",
  body: "可向工程所在地人力资源社会保障部门投诉，由劳动保障监察机构依法责令用人单位限期支付。",
  legalBasis: "《保障农民工工资支付条例》第五十条",
  isPublic: true,
  ...over,
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params)).rows[0]!.n;
}

async function registered(
  over: Record<string, unknown> = {},
  petitioner: Record<string, unknown> = {},
): Promise<string> {
  const input = caseInput({ categoryId: wages, ...over });
  const p = (input.petitioners as Record<string, unknown>[])[0]!;
  Object.assign(p, petitioner);
  const res = await as(t.app, s.get("reg")!).post("/api/cases", input);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** A case answered and rated (the handling chain itself is tested in server/workflow). */
async function answered(
  over: Record<string, unknown>,
  reply: string,
  petitioner: Record<string, unknown> = {},
  rating = "satisfied",
): Promise<string> {
  const id = await registered(over, petitioner);
  await t.db.query(
    `UPDATE cases SET status = 'replied', replied_at = now(), reply_opinion = 'support', reply_text = $2,
            reply_legal_basis = '《保障农民工工资支付条例》', bureau_rating = $3, unit_rating = $3, rated_at = now()
      WHERE id = $1`,
    [id, reply, rating],
  );
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of ["reg", "office", "bleader", "rsj", "town1", "town2", "sysadmin", "analyst"])
    s.set(u, await login(t.app, u));
  const cats = await t.db.query<{ id: string; code: string }>("SELECT id, code FROM categories");
  const byCode = new Map(cats.rows.map((r) => [r.code, r.id]));
  labor = byCode.get("labor")!;
  wages = byCode.get("labor.wage_arrears")!;
  land = byCode.get("land.compensation")!;
});
afterAll(() => t.close());

describe("editing entries (the bureau office), with every version kept", () => {
  it("creates, changes and restores an entry; the history keeps every version with who and when; each is audited", async () => {
    const created = await office().post("/api/knowledge/entries", entry());
    expect(created.statusCode, created.body).toBe(201);
    const e = created.json();
    expect(e).toMatchObject({
      version: 1,
      isCurrent: true,
      categoryName: "拖欠农民工工资",
      updatedByName: "办公室",
    });

    const changed = await office().put(`/api/knowledge/entries/${e.id}`, {
      ...entry({ body: "先向施工总承包单位反映，再向人社部门投诉。" }),
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, body: "先向施工总承包单位反映，再向人社部门投诉。" });

    // A second editor who still holds version 1 is refused and changes nothing.
    const stale = await office().put(`/api/knowledge/entries/${e.id}`, {
      ...entry({ body: "过期的编辑" }),
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("KNOWLEDGE_VERSION_CONFLICT");
    expect((await office().get(`/api/knowledge/entries/${e.id}`)).json().version).toBe(2);

    const restored = await office().post(`/api/knowledge/entries/${e.id}/restore`, {
      fromVersion: 1,
      version: 2,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, body: entry().body });

    const history = await as(t.app, s.get("rsj")!).get(`/api/knowledge/entries/${e.id}/history`);
    expect(history.statusCode).toBe(200);
    const items = history.json().items as {
      version: number;
      change: string;
      restoredFrom: number | null;
      body: string;
      changedByName: string;
    }[];
    expect(items.map((v) => [v.version, v.change, v.restoredFrom])).toEqual([
      [3, "restore", 1],
      [2, "update", null],
      [1, "create", null],
    ]);
    expect(items[1]!.body).toBe("先向施工总承包单位反映，再向人社部门投诉。");
    expect(items.every((v) => v.changedByName === "办公室")).toBe(true);

    const audits = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id",
      [e.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual([
      "knowledge_entry_create",
      "knowledge_entry_update",
      "knowledge_entry_restore",
    ]);
  });

  it("lets only one of two simultaneous edits of the same version through; the other is 409 and leaves no trace", async () => {
    const e = (await office().post("/api/knowledge/entries", entry({ title: "并发修改测试" }))).json();
    const [a, b] = await Promise.all([
      office().put(`/api/knowledge/entries/${e.id}`, {
        ...entry({ title: "并发修改测试", body: "甲的修改" }),
        version: 1,
      }),
      office().put(`/api/knowledge/entries/${e.id}`, {
        ...entry({ title: "并发修改测试", body: "乙的修改" }),
        version: 1,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const versions = await count("SELECT 1 FROM knowledge_entry_versions WHERE entry_id = $1", [e.id]);
    expect(versions).toBe(2);
    const winner = a.statusCode === 200 ? "甲的修改" : "乙的修改";
    expect((await office().get(`/api/knowledge/entries/${e.id}`)).json()).toMatchObject({
      version: 2,
      body: winner,
    });
  });

  it("refuses every other role, the administrators included, and writes nothing", async () => {
    const before = await count("SELECT 1 FROM knowledge_entries");
    for (const u of ["reg", "bleader", "rsj", "town1", "sysadmin", "analyst"]) {
      const res = await as(t.app, s.get(u)!).post("/api/knowledge/entries", entry({ title: `由${u}新增` }));
      expect(res.statusCode, u).toBe(403);
    }
    // The three administrators do not read cases, nor the answers given in them.
    expect((await as(t.app, s.get("sysadmin")!).get("/api/knowledge/entries")).statusCode).toBe(403);
    expect((await as(t.app, null).get("/api/knowledge/entries")).statusCode).toBe(401);
    expect(await count("SELECT 1 FROM knowledge_entries")).toBe(before);
  });

  it("answers bad input with 400 or 422 in Chinese and English, and changes nothing", async () => {
    const before = await count("SELECT 1 FROM knowledge_entries");
    const cases: [Record<string, unknown>, number, string][] = [
      [entry({ title: "   " }), 400, "VALIDATION_FAILED"],
      [entry({ categoryId: "not-a-uuid" }), 400, "VALIDATION_FAILED"],
      [entry({ kind: "rumour" }), 400, "VALIDATION_FAILED"],
      [entry({ validUntil: "2026-02-30" }), 400, "VALIDATION_FAILED"],
      [entry({ body: "x".repeat(20001) }), 400, "VALIDATION_FAILED"],
      [entry({ validFrom: "2026-05-01", validUntil: "2026-04-01" }), 422, "KNOWLEDGE_VALIDITY_INVALID"],
      [entry({ categoryId: "00000000-0000-4000-8000-000000000000" }), 422, "KNOWLEDGE_CATEGORY_UNKNOWN"],
      [entry({ kind: "template", isPublic: true }), 422, "KNOWLEDGE_TEMPLATE_PUBLIC"],
      [entry({ body: "可拨打13812345678联系张科长。" }), 422, "KNOWLEDGE_PERSONAL_DATA"],
      [entry({ body: `身份证号${freshIdNumber()}的信访人` }), 422, "KNOWLEDGE_PERSONAL_DATA"],
    ];
    for (const [body, status, code] of cases) {
      const res = await office().post("/api/knowledge/entries", body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      const err = res.json().error;
      expect(err.code).toBe(code);
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      expect(err.messageEn).toMatch(/[a-z]/);
    }
    expect(await count("SELECT 1 FROM knowledge_entries")).toBe(before);
    const unknown = await office().post(
      "/api/knowledge/entries/00000000-0000-4000-8000-000000000000/restore",
      {
        fromVersion: 1,
        version: 1,
      },
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe("searching entries with the same Chinese words as cases", () => {
  it("finds entries by jieba words, best match first, within a category family, and nothing for words no entry has", async () => {
    const a = (
      await office().post(
        "/api/knowledge/entries",
        entry({
          categoryId: land,
          title: "征地补偿标准如何确定",
          body: "征收土地的补偿标准按省政府公布的区片综合地价执行。",
        }),
      )
    ).json();
    const b = (
      await office().post(
        "/api/knowledge/entries",
        entry({
          categoryId: land,
          title: "征地补偿款何时发放",
          body: "补偿款应在征收协议签订后三个月内足额支付，征地补偿款不得截留挪用，征地补偿标准公开。",
        }),
      )
    ).json();
    const res = await office().get(`/api/knowledge/entries?q=${encodeURIComponent("征地补偿款")}`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((e: { id: string }) => e.id);
    expect(ids).toContain(b.id);
    expect(ids[0]).toBe(b.id);
    // Category family: 劳资纠纷 finds 拖欠农民工工资 entries, not 征地补偿 ones.
    const family = (await office().get(`/api/knowledge/entries?categoryId=${labor}`)).json().items as {
      id: string;
      categoryId: string;
    }[];
    expect(family.length).toBeGreaterThan(0);
    expect(family.every((e) => e.categoryId === wages || e.categoryId === labor)).toBe(true);
    expect(family.map((e) => e.id)).not.toContain(a.id);
    const none = await office().get(`/api/knowledge/entries?q=${encodeURIComponent("航天发射场")}`);
    expect(none.json()).toMatchObject({ items: [], total: 0 });
  });
});

describe("suggestions while drafting a reply", () => {
  it("ranks the answered cases of the category by similarity to the petition, most similar first", async () => {
    const subject = await registered({
      title: "建筑工地拖欠农民工工资",
      content: "城东安置房项目建筑工地拖欠我们二十名农民工工资，包工头失联，请求督促总包单位支付工资。",
    });
    const near = await answered(
      {
        title: "安置房工地拖欠农民工工资",
        content: "城东安置房项目建筑工地拖欠农民工工资，包工头失联，要求总包单位支付工资。",
      },
      "经人社局调查，已责令总包单位从工资保证金中先行支付农民工工资。",
    );
    const middle = await answered(
      { title: "工厂拖欠工资", content: "服装厂拖欠我们工人三个月工资，老板说没钱。" },
      "经劳动保障监察立案调查，已责令该厂限期支付拖欠工资。",
    );
    const far = await answered(
      { title: "食堂饭菜价格", content: "单位食堂饭菜价格上涨，希望调整。" },
      "已转告相关单位研究。",
    );
    const res = await office().get(`/api/knowledge/suggestions?caseId=${subject}&field=reply`);
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json();
    expect(got.categoryName).toBe("拖欠农民工工资");
    const order = got.cases.map((c: { caseId: string }) => c.caseId);
    expect(order.indexOf(near)).toBe(0);
    expect(order.indexOf(middle)).toBe(1);
    // "far" shares a word or two at most: if present it is last.
    if (order.includes(far)) expect(order.indexOf(far)).toBe(order.length - 1);
    const sims = got.cases.map((c: { similarity: number }) => c.similarity);
    expect(sims[0]).toBeGreaterThan(sims[1]);
    expect(got.cases[0]).toMatchObject({
      replyOpinion: "support",
      bureauRating: "satisfied",
      replyText: "经人社局调查，已责令总包单位从工资保证金中先行支付农民工工资。",
    });
    // The case itself is never its own suggestion, nor an unanswered case.
    expect(order).not.toContain(subject);
    // Knowledge-base entries of the family come too, the expired ones do not.
    expect(got.entries.length).toBeGreaterThan(0);
  });

  it("never shows another petitioner's name, address, ID number or phone number", async () => {
    const id = freshIdNumber();
    const subject = await registered({ title: "工资被拖欠", content: "钢构厂拖欠钢筋工工资八万元。" });
    const other = await answered(
      {
        title: "李秀兰反映钢构厂拖欠工资",
        content: "李秀兰反映钢构厂拖欠钢筋工工资八万元，联系电话13912345678。",
      },
      `李秀兰同志：您反映的钢构厂拖欠钢筋工工资问题，经核实属实。已通知您到甲村二组十五号领取，如有疑问请拨打13912345678，身份证${id}已登记。`,
      { name: "李秀兰", phone: "13912345678", idNumber: id, address: "甲村二组十五号" },
    );
    const res = await office().get(`/api/knowledge/suggestions?caseId=${subject}`);
    expect(res.statusCode).toBe(200);
    const got = res.json();
    const hit = got.cases.find((c: { caseId: string }) => c.caseId === other);
    expect(hit).toBeDefined();
    const body = res.body;
    for (const secret of ["李秀兰", "13912345678", "139 1234 5678", id, "甲村二组十五号"])
      expect(body, secret).not.toContain(secret);
    expect(hit.replyText).toContain("×××同志");
    expect(hit.replyText).toContain("（地址已隐去）");
    expect(hit.replyText).toContain("（电话号码已隐去）");
    expect(hit.replyText).toContain("（证件号码已隐去）");
  });

  it("offers only cases the handler may read, and 404 for a case the handler may not read", async () => {
    const inT2 = await answered(
      {
        problemRegionCode: "990001002001",
        title: "乙乡砖厂拖欠农民工工资",
        content: "乙乡砖厂拖欠农民工工资，请求解决。",
      },
      "乙乡已协调砖厂支付工资。",
    );
    const inT1 = await answered(
      { title: "甲镇砖厂拖欠农民工工资", content: "甲镇砖厂拖欠农民工工资，请求解决。" },
      "甲镇已协调砖厂支付工资。",
    );
    const confidential = await answered(
      {
        title: "举报甲镇砖厂拖欠农民工工资",
        content: "甲镇砖厂拖欠农民工工资，镇干部包庇。",
        nature: "accusation",
        legalClass: "accusation",
      },
      "县纪委已立案核查。",
    );
    await t.db.query("UPDATE cases SET is_confidential = true WHERE id = $1", [confidential]);
    const subject = await registered({
      title: "砖厂拖欠农民工工资",
      content: "砖厂拖欠农民工工资，请求解决。",
    });
    const town1 = await as(t.app, s.get("town1")!).get(`/api/knowledge/suggestions?caseId=${subject}`);
    expect(town1.statusCode, town1.body).toBe(200);
    const ids = town1.json().cases.map((c: { caseId: string }) => c.caseId);
    expect(ids).toContain(inT1);
    expect(ids).not.toContain(inT2);
    expect(ids).not.toContain(confidential);
    // The bureau office reads the whole county.
    const officeIds = (await office().get(`/api/knowledge/suggestions?caseId=${subject}`))
      .json()
      .cases.map((c: { caseId: string }) => c.caseId);
    expect(officeIds).toEqual(expect.arrayContaining([inT1, inT2]));
    // Another township's staff cannot even learn the case exists.
    const town2 = await as(t.app, s.get("town2")!).get(`/api/knowledge/suggestions?caseId=${subject}`);
    expect(town2.statusCode).toBe(404);
    const bad = await office().get("/api/knowledge/suggestions?caseId=nope");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.messageEn).toBeTruthy();
  });

  it("leaves out entries past their valid-until date by the working calendar, and those not yet in force", async () => {
    const subject = await registered({ title: "讨薪", content: "拖欠农民工工资如何维权。" });
    const today = "2026-03-02"; // the test clock's date in Asia/Shanghai
    const expired = (
      await office().post(
        "/api/knowledge/entries",
        entry({ title: "旧政策：欠薪应急周转金", validUntil: "2026-03-01" }),
      )
    ).json();
    const lastDay = (
      await office().post("/api/knowledge/entries", entry({ title: "今日到期的欠薪政策", validUntil: today }))
    ).json();
    const future = (
      await office().post(
        "/api/knowledge/entries",
        entry({ title: "下月施行的欠薪政策", validFrom: "2026-04-01" }),
      )
    ).json();
    const ids = async () =>
      (await office().get(`/api/knowledge/suggestions?caseId=${subject}`))
        .json()
        .entries.map((e: { id: string }) => e.id);
    let got = await ids();
    expect(got).not.toContain(expired.id);
    expect(got).not.toContain(future.id);
    expect(got).toContain(lastDay.id);
    expect((await office().get(`/api/knowledge/entries/${expired.id}`)).json().isCurrent).toBe(false);
    const expiredRes = await office().get("/api/knowledge/entries?state=expired");
    expect(expiredRes.statusCode, expiredRes.body).toBe(200);
    const expiredList = expiredRes.json().items.map((e: { id: string }) => e.id);
    expect(expiredList).toEqual(expect.arrayContaining([expired.id, future.id]));
    // Next day (Shanghai midnight is 16:00 UTC): the last-day entry has expired too.
    t.clock.now = new Date("2026-03-02T16:00:00Z");
    s.set("office", await login(t.app, "office"));
    got = await ids();
    expect(got).not.toContain(lastDay.id);
    t.clock.now = new Date("2026-03-02T02:00:00Z");
    s.set("office", await login(t.app, "office"));
  });
});

describe("saving a reply as a template of the category", () => {
  it("files the text under the case's category as an internal template, refusing the petitioner's own name", async () => {
    const subject = await registered(
      { title: "讨要工资", content: "木工班组被拖欠工资。" },
      { name: "周建华", address: "乙村三组" },
    );
    const before = await count("SELECT 1 FROM knowledge_entries");
    const named = await office().post("/api/knowledge/templates", {
      caseId: subject,
      title: "木工班组欠薪答复",
      body: "周建华同志：您反映的问题已责令施工单位支付。",
    });
    expect(named.statusCode).toBe(422);
    expect(named.json().error.code).toBe("KNOWLEDGE_PERSONAL_DATA");
    expect(await count("SELECT 1 FROM knowledge_entries")).toBe(before);
    expect(
      (
        await as(t.app, s.get("rsj")!).post("/api/knowledge/templates", {
          caseId: subject,
          title: "x",
          body: "y",
        })
      ).statusCode,
    ).toBe(403);

    const ok = await office().post("/api/knowledge/templates", {
      caseId: subject,
      title: "木工班组欠薪答复",
      body: "信访人：您反映的木工班组被拖欠工资问题，经核实，已责令施工单位限期支付。",
      legalBasis: "《保障农民工工资支付条例》第三十条",
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      kind: "template",
      isPublic: false,
      categoryId: wages,
      ownerUnitName: "测试县信访局",
    });
    const audit = await count(
      "SELECT 1 FROM audit_log WHERE action = 'knowledge_template_save' AND object_id = $1",
      [ok.json().id],
    );
    expect(audit).toBe(1);
    const sugg = (await office().get(`/api/knowledge/suggestions?caseId=${subject}`)).json();
    expect(sugg.entries.map((e: { id: string }) => e.id)).toContain(ok.json().id);
    // A template never reaches the portal, even when someone tries to publish it.
    const publish = await office().put(`/api/knowledge/entries/${ok.json().id}`, {
      ...entry({ kind: "template", title: "木工班组欠薪答复", body: "x", isPublic: true }),
      version: 1,
    });
    expect(publish.statusCode).toBe(422);
    const portal = (await as(t.app, null).get(`/api/public/knowledge/answers?categoryId=${wages}`)).json();
    expect(portal.items.map((e: { id: string }) => e.id)).not.toContain(ok.json().id);
  });
});
