import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

let t: TestContext;
let reg: Session;
let wagesCat: string;
const ids: Record<string, string> = {};
const personId = freshIdNumber();
const petitioner = { name: "王建国", idNumber: personId, phone: "13912345678", address: "甲村一组" };
const WAGES = {
  title: "反映宏达建筑公司拖欠农民工工资",
  content:
    "我们十二名农民工在滨河花园小区为宏达建筑工程有限公司干活，老板一直拖欠工资共计12万元，多次讨要无果，请求劳动监察部门督促支付。",
};
const WAGES_REWORDED = {
  title: "滨河花园小区工人工资至今未发",
  content:
    "去年我们在滨河花园小区工地打工，施工方是宏达建筑工程有限公司，到现在还欠我们十二个人的工钱12万元。找项目经理说等工程款下来再给，恳请政府帮忙讨回血汗钱。",
};

async function register(name: string, overrides: Record<string, unknown>) {
  const res = await as(t.app, reg).post("/api/cases", caseInput({ categoryId: wagesCat, ...overrides }));
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
  return res.json();
}

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

interface Candidate {
  caseId: string;
  verdict: string;
  personReasons: string[];
  matterReasons: string[];
  score: number;
  textSimilarity: number;
  suggestedDecision: string;
}

async function check(session: Session, body: Record<string, unknown>) {
  const res = await as(t.app, session).post("/api/search/repeats/check", body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ candidates: Candidate[] }>().candidates;
}

const auditCount = async (action: string) =>
  (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = $1", [action]))
    .rows[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  wagesCat = (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 'labor.wage_arrears'"))
    .rows[0]!.id;
  await register("original", {
    ...WAGES,
    petitioners: [petitioner],
    receivedAt: "2026-01-05T09:00:00+08:00",
  });
  await register("otherMatter", {
    title: "邻居占用宅基地",
    content: "邻居翻修房子时把院墙往我家这边砌了一米多，还堵住了排水沟，请求镇里依法确权。",
    categoryId: undefined,
    petitioners: [petitioner],
    receivedAt: "2026-01-06T09:00:00+08:00",
  });
  await register("neighbour", {
    ...WAGES_REWORDED,
    petitioners: [{ name: "李秀英", idNumber: freshIdNumber(), address: "甲村二组" }],
    receivedAt: "2026-01-07T09:00:00+08:00",
  });
  await register("townTwo", {
    ...WAGES,
    problemRegionCode: "990001002001",
    petitioners: [petitioner],
    receivedAt: "2026-01-08T09:00:00+08:00",
  });
});
afterAll(() => t.close());

describe("the repeat check for a draft", () => {
  const draft = {
    petitioners: [{ name: "王建国", idNumber: personId, address: "甲村一组" }],
    categoryId: "",
    problemRegionCode: "990001001001",
    ...WAGES_REWORDED,
  };

  it("finds the same person's earlier case on the same matter, with the reasons, first", async () => {
    const found = await check(reg, { ...draft, categoryId: wagesCat });
    const first = found[0]!;
    expect(nameOf(first.caseId)).toBe("original");
    expect(first.verdict).toBe("likely_repeat");
    expect(first.personReasons).toEqual(["same_id_number", "same_name_address"]);
    expect(first.matterReasons).toEqual(
      expect.arrayContaining(["same_category", "same_region", "similar_text"]),
    );
    expect(first.suggestedDecision).toBe("merge");
    const byName = Object.fromEntries(found.map((c) => [nameOf(c.caseId), c.verdict]));
    expect(byName.otherMatter).toBe("same_person_other_matter");
    expect(byName.neighbour).toBe("same_matter_other_person");
  });

  it("takes a shared phone for a reason to look, not the same person; the same name and phone is; a stranger is nobody", async () => {
    const byPhone = await check(reg, {
      petitioners: [{ name: "某人", phone: "139 1234 5678" }],
      problemRegionCode: "990001001001",
      content: WAGES.content,
    });
    const shared = byPhone.find((c) => nameOf(c.caseId) === "original")!;
    expect(shared.personReasons).toEqual(["shared_phone"]);
    expect(shared.verdict).toBe("same_matter_other_person");
    // Another matter with only the phone in common is still shown, as 同一电话，请核实.
    const otherMatter = byPhone.find((c) => nameOf(c.caseId) === "otherMatter");
    expect(otherMatter === undefined || otherMatter.verdict === "shared_phone").toBe(true);
    const samePerson = await check(reg, {
      petitioners: [{ name: "王建国", phone: "13912345678" }],
      problemRegionCode: "990001001001",
      content: WAGES.content,
    });
    const found = samePerson.find((c) => nameOf(c.caseId) === "original")!;
    expect(found.personReasons).toEqual(["same_name_phone"]);
    expect(found.verdict).toBe("likely_repeat");
    const none = await check(reg, {
      petitioners: [{ name: "赵六", idNumber: freshIdNumber() }],
      problemRegionCode: "990001001001",
      content: "建议县城增开公交线路，方便群众出行。",
    });
    expect(none).toEqual([]);
  });

  it("reads an earlier case's text afresh once it changed (an anonymised case), not the profile it kept", async () => {
    const person = { name: "赵春来", idNumber: freshIdNumber(), address: "甲村三组" };
    const earlier = await register("changing", {
      title: "恒泰建材拖欠搬运工工资",
      content: "我在恒泰建材有限公司做搬运工，老板拖欠我五个月工资，多次讨要无果，请求督促支付。",
      petitioners: [person],
      receivedAt: "2026-01-09T09:00:00+08:00",
    });
    const body = {
      petitioners: [person],
      categoryId: wagesCat,
      problemRegionCode: "990001001001",
      title: "恒泰建材工资还没给",
      content: "恒泰建材有限公司老板拖欠我五个月工资，至今未付，请再督促支付。",
    };
    const verdictOf = async () =>
      (await check(reg, body)).find((c) => c.caseId === earlier.id)?.verdict ?? "absent";
    expect(await verdictOf()).toBe("likely_repeat");
    await t.db.query("UPDATE cases SET title = $2, content = $3, search_text = $4 WHERE id = $1", [
      earlier.id,
      "邻里纠纷",
      "邻居在楼道堆放杂物，协调未果。",
      "邻居 楼道 堆放 杂物 协调 未果",
    ]);
    expect(await verdictOf()).not.toBe("likely_repeat");
  });

  it("shows a township only candidates it may read", async () => {
    const town2 = await login(t.app, "town2");
    const found = await check(town2, { ...draft, categoryId: wagesCat, problemRegionCode: "990001002001" });
    expect(found.map((c) => nameOf(c.caseId))).toEqual(["townTwo"]);
    const town1 = await login(t.app, "town1");
    const seen = (await check(town1, { ...draft, categoryId: wagesCat })).map((c) => nameOf(c.caseId));
    expect(seen).not.toContain("townTwo");
    expect(seen).toContain("original");
  });

  it("is refused to roles that do not register, and to bad input", async () => {
    const analyst = await login(t.app, "analyst");
    expect(
      (await as(t.app, analyst).post("/api/search/repeats/check", { ...draft, categoryId: wagesCat }))
        .statusCode,
    ).toBe(403);
    const bad = await as(t.app, reg).post("/api/search/repeats/check", {
      ...draft,
      categoryId: wagesCat,
      problemRegionCode: "x",
    });
    expect(bad.statusCode).toBe(400);
    const badId = await as(t.app, reg).post("/api/search/repeats/check", {
      ...draft,
      categoryId: wagesCat,
      petitioners: [{ name: "王", idNumber: "123" }],
    });
    expect(badId.statusCode).toBe(422);
  });
});

describe("the registrar's decision", () => {
  it("lists candidates for a registered case, only earlier ones, never itself", async () => {
    const c = await register("repeat1", { ...WAGES_REWORDED, petitioners: [petitioner] });
    const res = await as(t.app, reg).get(`/api/search/repeats/cases/${c.id}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json<{ candidates: Candidate[] }>().candidates.map((x) => nameOf(x.caseId));
    expect(names[0]).toBe("original");
    expect(names).not.toContain("repeat1");
  });

  it("merges into the open original: a link, a repeat flag, no first petition, an event and an audit row", async () => {
    const before = await auditCount("case_repeat_decision");
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${ids.repeat1}/decisions`, {
      decision: "merge",
      originalCaseId: ids.original,
      score: 0.8,
      reasons: ["same_id_number", "similar_text"],
    });
    expect(res.statusCode, res.body).toBe(200);
    const state = res.json();
    expect(state.isRepeat).toBe(true);
    expect(state.isFirstPetition).toBe(false);
    expect(state.links).toEqual([
      expect.objectContaining({ caseId: ids.original, kind: "merged_into", direction: "to" }),
    ]);
    expect(await auditCount("case_repeat_decision")).toBe(before + 1);
    const detail = (await as(t.app, reg).get(`/api/cases/${ids.repeat1}`)).json();
    expect(detail.isFirstPetition).toBe(false);
    // The workflow's merge action folded it into the original.
    expect(detail.status).toBe("merged");
    expect(detail.mergedInto).toMatchObject({ id: ids.original });
    expect(detail.events.map((e: { action: string }) => e.action)).toContain("repeat_decision");
    // The original shows the link from the other side.
    const orig = (await as(t.app, reg).get(`/api/search/repeats/cases/${ids.original}`)).json();
    expect(orig.links).toEqual([expect.objectContaining({ caseId: ids.repeat1, direction: "from" })]);
  });

  it("does not undo a merge: a closed case keeps the decision that closed it", async () => {
    const counts = await snapshotCounts(t.db);
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${ids.repeat1}/decisions`, {
      decision: "keep_new",
    });
    expect(res.statusCode).toBe(409);
    expect(await snapshotCounts(t.db)).toEqual(counts);
  });

  it("keeps a linked case as new after all: first petition again, the link gone", async () => {
    const c = await register("repeat2", { ...WAGES_REWORDED, petitioners: [petitioner] });
    const linked = await as(t.app, reg).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "link",
      originalCaseId: ids.original,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ isRepeat: true, isFirstPetition: false });
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "keep_new",
      note: "新的诉求：另有工程款",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isRepeat: false, isFirstPetition: true, links: [] });
    expect(res.json().decisions.map((d: { decision: string }) => d.decision)).toEqual(["link", "keep_new"]);
  });

  it("refuses to call an open case a terminated matter, and changes nothing", async () => {
    const c = await register("repeat3", { ...WAGES_REWORDED, petitioners: [petitioner] });
    const counts = await snapshotCounts(t.db);
    const audits = await auditCount("case_repeat_decision");
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "repeat_of_terminated",
      originalCaseId: ids.original,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("REPEAT_ORIGINAL_NOT_TERMINATED");
    expect(await snapshotCounts(t.db)).toEqual(counts);
    expect(await auditCount("case_repeat_decision")).toBe(audits);
  });

  it("refuses again a repeat of a terminated matter through the workflow action", async () => {
    const old = await register("terminated", {
      ...WAGES,
      petitioners: [petitioner],
      receivedAt: "2025-03-01T09:00:00+08:00",
    });
    // Setting up a terminated matter directly: the review chain that ends in termination is tested elsewhere.
    await t.db.query("UPDATE cases SET status = 'terminated' WHERE id = $1", [old.id]);
    const c = await register("again", { ...WAGES_REWORDED, petitioners: [petitioner] });
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "repeat_of_terminated",
      originalCaseId: old.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isRepeat: true, status: "refused_again" });
    const detail = (await as(t.app, reg).get(`/api/cases/${c.id}`)).json();
    expect(detail.status).toBe("refused_again");
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      "register",
      "repeat_decision",
      "refuse_again",
    ]);
    expect(await auditCount("case_refuse_again")).toBeGreaterThanOrEqual(1);
  });

  it("refuses again a repeat of a matter terminated and later archived, but not of one merely closed", async () => {
    // The history as the workflow writes it: the ending step, then the archive.
    const ended = async (key: string, endStatus: string, receivedAt: string) => {
      const old = await register(key, { ...WAGES, petitioners: [petitioner], receivedAt });
      await t.db.query(
        `INSERT INTO case_events (case_id, seq, actor_label, action, from_status, to_status)
         SELECT $1, max(seq) + 1, '测试', $2, 'under_reexam', $3 FROM case_events WHERE case_id = $1`,
        [old.id, endStatus === "closed" ? "close" : "decide_reexam", endStatus],
      );
      await t.db.query(
        `INSERT INTO case_events (case_id, seq, actor_label, action, from_status, to_status)
         SELECT $1, max(seq) + 1, '测试', 'archive', $2, 'archived' FROM case_events WHERE case_id = $1`,
        [old.id, endStatus],
      );
      await t.db.query("UPDATE cases SET status = 'archived' WHERE id = $1", [old.id]);
      return old.id;
    };
    const terminated = await ended("archivedTerminated", "terminated", "2024-05-01T09:00:00+08:00");
    const closed = await ended("archivedClosed", "closed", "2024-06-01T09:00:00+08:00");
    const c = await register("againArchived", { ...WAGES_REWORDED, petitioners: [petitioner] });
    const refused = await as(t.app, reg).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "repeat_of_terminated",
      originalCaseId: closed,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("REPEAT_ORIGINAL_NOT_TERMINATED");
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "repeat_of_terminated",
      originalCaseId: terminated,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isRepeat: true, status: "refused_again" });
  });

  it("answers 404 for an original the registrar may not read, and hides the case from other townships", async () => {
    const town1 = await login(t.app, "town1");
    const c = await register("townOne", { ...WAGES, petitioners: [petitioner] });
    const res = await as(t.app, town1).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "link",
      originalCaseId: ids.townTwo,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("REPEAT_ORIGINAL_NOT_FOUND");
    const town2 = await login(t.app, "town2");
    const hidden = await as(t.app, town2).post(`/api/search/repeats/cases/${c.id}/decisions`, {
      decision: "keep_new",
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe("CASE_NOT_FOUND");
  });

  it("refuses a later case as the original, and a link without an original", async () => {
    const later = await as(t.app, reg).post(`/api/search/repeats/cases/${ids.original}/decisions`, {
      decision: "link",
      originalCaseId: ids.neighbour,
    });
    expect(later.statusCode).toBe(422);
    expect(later.json().error.code).toBe("REPEAT_ORIGINAL_NOT_EARLIER");
    const missing = await as(t.app, reg).post(`/api/search/repeats/cases/${ids.original}/decisions`, {
      decision: "link",
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe("REPEAT_ORIGINAL_REQUIRED");
  });
});

describe("an accusation and a request of one person about one matter (issue #18, eighth rule round)", () => {
  const ACCUSATION = {
    ...WAGES_REWORDED,
    title: "检举劳动监察大队对拖欠工资不作为",
    content: `${WAGES_REWORDED.content}我上次反映后劳动监察大队的人收了老板的烟酒，至今不管，检举其不作为。`,
    nature: "accusation",
    legalClass: "accusation",
  };

  it("suggests a link, never a merge, and refuses a merge or a refusal either way, changing nothing", async () => {
    const acc = await register("accusation", { ...ACCUSATION, petitioners: [petitioner] });
    const res = await as(t.app, reg).get(`/api/search/repeats/cases/${acc.id}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const original = res
      .json<{ candidates: Candidate[] }>()
      .candidates.find((c) => c.caseId === ids.original);
    expect(original).toMatchObject({ verdict: "likely_repeat", suggestedDecision: "link" });
    const counts = await snapshotCounts(t.db);
    const merged = await as(t.app, reg).post(`/api/search/repeats/cases/${acc.id}/decisions`, {
      decision: "merge",
      originalCaseId: ids.original,
    });
    expect(merged.statusCode).toBe(409);
    expect(merged.json().error).toMatchObject({
      code: "REPEAT_KINDS_DIFFER",
      message: expect.stringContaining("关联"),
    });
    expect(await snapshotCounts(t.db)).toEqual(counts);
    // A request after an accusation that was terminated is not refused on the accusation's end.
    await t.db.query("UPDATE cases SET status = 'terminated' WHERE id = $1", [acc.id]);
    const later = await register("afterAccusation", { ...WAGES_REWORDED, petitioners: [petitioner] });
    const before = await snapshotCounts(t.db);
    const refused = await as(t.app, reg).post(`/api/search/repeats/cases/${later.id}/decisions`, {
      decision: "repeat_of_terminated",
      originalCaseId: acc.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("REPEAT_KINDS_DIFFER");
    expect(await snapshotCounts(t.db)).toEqual(before);
    expect((await as(t.app, reg).get(`/api/cases/${later.id}`)).json().status).not.toBe("refused_again");
  });

  it("links them: one matter for the count, each handled in its own way", async () => {
    const acc = await register("accusation2", { ...ACCUSATION, petitioners: [petitioner] });
    const res = await as(t.app, reg).post(`/api/search/repeats/cases/${acc.id}/decisions`, {
      decision: "link",
      originalCaseId: ids.original,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isRepeat: true, isFirstPetition: false });
    const detail = (await as(t.app, reg).get(`/api/cases/${acc.id}`)).json();
    expect(detail.status).not.toBe("merged");
    expect(detail.nature).toBe("accusation");
  });
});

describe("the registration's first-petition flag and the repeat check agree on other demands", () => {
  const worker = { name: "孟凡军", idNumber: freshIdNumber(), phone: "13700001111", address: "乙村三组" };
  /** The worker's draft under wages in the foundry's village, as the registration form checks it. */
  const checkAsWorker = (text: { title: string; content: string }) =>
    check(reg, { petitioners: [worker], categoryId: wagesCat, problemRegionCode: "990001001001", ...text });
  const FOUNDRY_WAGES = {
    title: "华晟铸造拖欠工资",
    content:
      "我在华晟铸造有限公司做翻砂工，老板欠我五个月工资一万一千元，一直拖着不给，请劳动监察帮我要回来。",
  };
  const FOUNDRY_BURN = {
    title: "华晟铸造车间烫伤不给认定工伤",
    content: "我在华晟铸造有限公司车间被铁水烫伤了腿，住院二十天，老板不给认定工伤，请劳动部门帮我。",
  };
  const FOUNDRY_WAGES_AGAIN = {
    title: "华晟厂工资还差八千",
    content: "华晟厂的老板上月给了三千，还差八千没给，现在又说不让我上班了，工资和经济补偿一起请帮我要。",
  };

  it("registers wages, then a burn at the same foundry as a first petition, and the check calls it another matter", async () => {
    await register("foundryWages", {
      ...FOUNDRY_WAGES,
      petitioners: [worker],
      receivedAt: "2026-01-12T09:00:00+08:00",
    });
    const burn = await register("foundryBurn", {
      ...FOUNDRY_BURN,
      petitioners: [worker],
      receivedAt: "2026-01-20T09:00:00+08:00",
    });
    expect(burn.isFirstPetition).toBe(true);
    const found = await checkAsWorker(FOUNDRY_BURN);
    const wages = found.find((c) => nameOf(c.caseId) === "foundryWages")!;
    expect(wages.verdict).toBe("same_person_other_matter");
    expect(wages.matterReasons).toContain("different_demands");
  });

  it("while a follow-up with another sum and an added demand is a repeat in both", async () => {
    const found = await checkAsWorker(FOUNDRY_WAGES_AGAIN);
    expect(found.find((c) => nameOf(c.caseId) === "foundryWages")?.verdict).toBe("likely_repeat");
    expect(found.find((c) => nameOf(c.caseId) === "foundryBurn")?.verdict).toBe("same_person_other_matter");
    const again = await register("foundryWagesAgain", {
      ...FOUNDRY_WAGES_AGAIN,
      petitioners: [worker],
      receivedAt: "2026-01-28T09:00:00+08:00",
    });
    expect(again.isFirstPetition).toBe(false);
  });

  it("a reminder that says only 催办 is the person's earlier matter, never another person's", async () => {
    const REMINDER = {
      title: "催办",
      content: "受理编号XF9900012026000042，一个多月了至今未答复，请催办。孟",
    };
    const found = await checkAsWorker(REMINDER);
    const wages = found.find((c) => nameOf(c.caseId) === "foundryWages")!;
    expect(wages.verdict).toBe("likely_repeat");
    expect(wages.matterReasons).toContain("reminder");
    const reminder = await register("foundryReminder", {
      ...REMINDER,
      petitioners: [worker],
      receivedAt: "2026-02-10T09:00:00+08:00",
    });
    expect(reminder.isFirstPetition).toBe(false);
    const stranger = { name: "郝秀兰", idNumber: freshIdNumber(), phone: "13700002222", address: "甲村一组" };
    const other = await register("strangerReminder", {
      ...REMINDER,
      petitioners: [stranger],
      receivedAt: "2026-02-11T09:00:00+08:00",
    });
    expect(other.isFirstPetition).toBe(true);
  });
});

describe("a letter that tells only what happened since (issue #18, fifth round)", () => {
  const cook = { name: "薛桂香", idNumber: freshIdNumber(), phone: "13700003333", address: "乙村五组" };
  const FIRST = {
    title: "福源食品厂欠工资",
    content: "我在福源食品厂做包装工，厂里欠我四个月的工资九千六百元，说是资金紧张，一直不给，请帮我要回来。",
  };
  const SINCE = {
    title: "再问一下",
    content: "上礼拜镇里把我们叫去开了协调会，说月底前先给一半，到现在还没见着钱。薛",
  };
  const checkAs = (person: Record<string, string>, session = reg) =>
    check(session, {
      petitioners: [person],
      categoryId: wagesCat,
      problemRegionCode: "990001001001",
      ...SINCE,
    });

  it("is the same person's earlier matter within the handling period, in the check and the first-petition flag", async () => {
    await register("cookWages", { ...FIRST, petitioners: [cook], receivedAt: "2026-02-02T09:00:00+08:00" });
    const found = await checkAs(cook);
    const wages = found.find((c) => nameOf(c.caseId) === "cookWages")!;
    expect(wages.textSimilarity).toBeLessThan(0.1);
    expect(wages.verdict).toBe("likely_repeat");
    expect(wages.matterReasons).toContain("recent_follow_up");
    const since = await register("cookSince", {
      ...SINCE,
      petitioners: [cook],
      receivedAt: "2026-03-02T09:00:00+08:00",
    });
    expect(since.isFirstPetition).toBe(false);
  });

  it("takes a date of receipt in the future as today, so no one dates a letter out of the handling period", async () => {
    // Today (the test clock) is within 90 days of the wages letter; a date sent for December is not.
    const found = await check(reg, {
      petitioners: [cook],
      categoryId: wagesCat,
      problemRegionCode: "990001001001",
      ...SINCE,
      receivedAt: "2026-12-31T09:00:00+08:00",
    });
    expect(found.find((c) => nameOf(c.caseId) === "cookWages")?.matterReasons).toContain("recent_follow_up");
  });

  it("but not from another person on the same phone, nor after the handling period", async () => {
    const sister = { ...cook, name: "薛桂兰", idNumber: freshIdNumber() };
    const bySister = (await checkAs(sister)).find((c) => nameOf(c.caseId) === "cookWages")!;
    expect(bySister.verdict).not.toBe("likely_repeat");
    const before = t.clock.now;
    t.clock.now = new Date("2026-07-01T02:00:00Z");
    try {
      const july = await login(t.app, "reg");
      const late = (await checkAs(cook, july)).find((c) => nameOf(c.caseId) === "cookWages")!;
      expect(late.verdict).toBe("same_person_other_matter");
      expect(late.matterReasons).not.toContain("recent_follow_up");
      // …unless the letter came in back in March and is only registered now: its date counts.
      const backdated = await check(july, {
        petitioners: [cook],
        categoryId: wagesCat,
        problemRegionCode: "990001001001",
        ...SINCE,
        receivedAt: "2026-03-05T09:00:00+08:00",
      });
      expect(backdated.find((c) => nameOf(c.caseId) === "cookWages")?.matterReasons).toContain(
        "recent_follow_up",
      );
      const res = await as(t.app, july).post(
        "/api/cases",
        caseInput({
          categoryId: wagesCat,
          // Another "since": the March letter's own words would be that letter resent.
          title: "又来问",
          content: "又换了个会计，说账要重新对一遍，让我回家再等等。薛",
          petitioners: [{ ...cook, isRepresentative: true }],
          receivedAt: "2026-07-01T09:00:00+08:00",
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().isFirstPetition).toBe(true);
    } finally {
      t.clock.now = before;
    }
  });
});

describe("the earlier letter's sum, and the village by its bare name (issue #18, sixth round)", () => {
  const miller = {
    name: "卜春生",
    idNumber: freshIdNumber(),
    phone: "13700004444",
    address: "城关镇杏花村二组",
  };
  const FIRST = {
    title: "丰年面粉厂欠小麦款",
    content: "我给丰年面粉厂送了两车小麦，厂里欠我货款一万三千八百元，说年底结账，到现在一分不给。",
  };
  const LATER = {
    title: "评论",
    content: "磨面那个厂子欠我的一万三千八，拖了快一年了，厂长见了我就绕着走。卜春生",
  };
  const checkAs = (person: Record<string, string>) =>
    check(reg, { petitioners: [person], categoryId: wagesCat, problemRegionCode: "990001001001", ...LATER });

  it("is the same person's earlier matter a year later, signed with the name and the village only", async () => {
    await register("millerWheat", {
      ...FIRST,
      petitioners: [miller],
      receivedAt: "2025-06-20T09:00:00+08:00",
    });
    const found = (await checkAs({ name: "卜春生", address: "杏花" })).find(
      (c) => nameOf(c.caseId) === "millerWheat",
    )!;
    expect(found.personReasons).toContain("same_name_address");
    expect(found.matterReasons).toContain("same_sum");
    expect(found.verdict).toBe("likely_repeat");
  });

  it("but another name in the same village with the same sum is not the same person's repeat", async () => {
    const found = (await checkAs({ name: "卜春兰", address: "杏花" })).find(
      (c) => nameOf(c.caseId) === "millerWheat",
    );
    expect(found?.verdict).not.toBe("likely_repeat");
    expect(found?.matterReasons ?? []).not.toContain("same_sum");
  });
});

describe("one person under a village's form of the name (issue #18, seventh rule round)", () => {
  const farmer = {
    name: "覃德茂",
    idNumber: freshIdNumber(),
    phone: "13700007777",
    address: "城关镇榆树村三组",
  };
  const FIRST = {
    title: "榆树村砂场欠运费",
    content: "我给榆树村砂场拉了半年沙子，砂场老板欠我运费，一直拖着不结，去砂场找了几回都说老板不在。",
  };
  const LATER = {
    title: "短信",
    content: "砂场欠我的运费还是没结，老板躲着不见。覃老二",
  };
  const checkAs = (person: Record<string, string>, body: Record<string, string> = LATER) =>
    check(reg, { petitioners: [person], categoryId: wagesCat, problemRegionCode: "990001001001", ...body });

  it("is the same person's earlier matter when the phone is the same and the letter is about it", async () => {
    await register("farmerFreight", {
      ...FIRST,
      petitioners: [farmer],
      receivedAt: "2026-02-02T09:00:00+08:00",
    });
    const found = (await checkAs({ name: "覃老二", phone: farmer.phone })).find(
      (c) => nameOf(c.caseId) === "farmerFreight",
    )!;
    expect(found.personReasons).toEqual(["same_phone_unnamed"]);
    expect(found.verdict).toBe("likely_repeat");
  });

  it("but a shared phone, not the same person, for another matter or under a full name of the family", async () => {
    const other = (
      await checkAs(
        { name: "覃老三", phone: farmer.phone },
        { title: "短信", content: "我家的低保今年被取消了，村里说是家里有车，那车是我儿子的。覃老三" },
      )
    ).find((c) => nameOf(c.caseId) === "farmerFreight")!;
    expect(other.personReasons).toEqual(["same_phone_unnamed"]);
    expect(other.verdict).toBe("shared_phone");
    const brother = (await checkAs({ name: "覃德盛", phone: farmer.phone })).find(
      (c) => nameOf(c.caseId) === "farmerFreight",
    )!;
    expect(brother.personReasons).toEqual(["shared_phone"]);
    expect(brother.verdict).not.toBe("likely_repeat");
    const elsewhere = (await checkAs({ name: "覃老二", phone: "13700008888" })).find(
      (c) => nameOf(c.caseId) === "farmerFreight",
    );
    expect(elsewhere?.verdict).not.toBe("likely_repeat");
  });
});
