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
const s: Record<string, Session> = {};
const T1_VILLAGE = "990001001001";
const T2_VILLAGE = "990001002001";
const ids = { t1: [] as string[], t2: [] as string[] };

async function register(region: "t1" | "t2", overrides: Record<string, unknown>): Promise<string> {
  const res = await as(t.app, s.reg!).post(
    "/api/cases",
    caseInput({ problemRegionCode: region === "t1" ? T1_VILLAGE : T2_VILLAGE, ...overrides }),
  );
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  ids[region].push(id);
  return id;
}
const person = (phone: string, idNumber = freshIdNumber()) => [{ name: "群众", idNumber, phone }];

async function categoryId(code: string): Promise<string> {
  return (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = $1", [code])).rows[0]!.id;
}

interface W {
  id: string;
  kind: string;
  status: string;
  subject: string;
  caseCount: number;
  figures: Record<string, unknown> | null;
  abilities: string[];
}
const list = async (who: string, query = "") => {
  const res = await as(t.app, s[who]!).get(`/api/warnings${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: W[]; total: number };
};
const warningCounts = async () => {
  const out: Record<string, number> = {};
  for (const table of ["warnings", "warning_cases", "warning_follow_ups", "sensitive_periods", "audit_log"]) {
    out[table] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }
  return { ...out, ...(await snapshotCounts(t.db)) };
};

let threatCase = "";
const collectiveCases: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  // Wednesday 4 March 2026, 10:00 in Shanghai: this ISO week began on Monday 2 March.
  t.clock.now = new Date("2026-03-04T02:00:00Z");
  for (const u of ["reg", "office", "bleader", "leader", "analyst", "town1", "town2", "rsj", "sysadmin"]) {
    s[u] = await login(t.app, u);
  }
  const labor = await categoryId("labor.wage_arrears");
  const land = await categoryId("land.compensation");
  const plain = { title: "反映拖欠工资问题", content: "反映拖欠工资问题，请求协调解决。", categoryId: labor };
  // 甲镇 wages: one case a week for eight weeks, then six this week (Poisson p ≈ 0.0006).
  for (let w = 1; w <= 8; w++) {
    const day = new Date(Date.UTC(2026, 2, 3 - 7 * w)).toISOString().slice(0, 10);
    await register("t1", { ...plain, receivedAt: `${day}T09:00:00+08:00` });
  }
  for (const day of ["02", "02", "03", "03", "04", "04"]) {
    await register("t1", { ...plain, receivedAt: `2026-03-${day}T08:30:00+08:00` });
  }
  // 甲镇: three different people about one company within five days.
  // (Categories apart from the other groups, and two of the three inside the period's lead days,
  // so that no sensitive-period cluster forms from them.)
  const construction = await categoryId("construction");
  const enterprise = await categoryId("enterprise");
  for (const [i, day] of ["02-28", "03-01", "03-02"].entries()) {
    collectiveCases.push(
      await register("t1", {
        title: "反映工资问题",
        content: "我们在宏达建筑有限公司工地干活，老板拖欠工资。",
        petitioners: person(`1390000000${i}`),
        categoryId: construction,
        receivedAt: `2026-${day}T06:00:00+08:00`,
      }),
    );
  }
  // 甲镇: the same person three times about another factory: not a collective petition.
  const same = freshIdNumber();
  for (const day of ["02-28", "03-01", "03-02"]) {
    await register("t1", {
      title: "反映工资问题",
      content: "恒泰建材厂拖欠我工资。",
      petitioners: person("13900000010", same),
      categoryId: enterprise,
      receivedAt: `2026-${day}T07:00:00+08:00`,
    });
  }
  // 乙乡: one matter taken to Beijing and to the province; a threat in another case.
  const p = freshIdNumber();
  const landCase = { title: "征地补偿问题", content: "征地补偿款未足额发放。", categoryId: land };
  await register("t2", {
    ...landCase,
    petitioners: person("13900000020", p),
    destinationLevel: "national",
    receivedAt: "2026-03-01T09:00:00+08:00",
  });
  await register("t2", {
    ...landCase,
    petitioners: person("13900000020", p),
    destinationLevel: "provincial",
    receivedAt: "2026-03-03T09:00:00+08:00",
  });
  threatCase = await register("t2", {
    ...landCase,
    content: "征地补偿款一直不给，再不解决就扬言去跳楼。",
    petitioners: person("13900000030"),
    receivedAt: "2026-03-04T08:00:00+08:00",
  });
  const period = await as(t.app, s.office!).post("/api/warnings/sensitive-periods", {
    name: "全国两会",
    startsOn: "2026-03-04",
    endsOn: "2026-03-15",
  });
  expect(period.statusCode, period.body).toBe(201);
});
afterAll(() => t.close());

describe("the warning scan", () => {
  it("raises each kind once for the office, and a second scan adds nothing", async () => {
    const first = await as(t.app, s.office!).post("/api/warnings/scan");
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      date: "2026-03-04",
      byKind: { spike: 1, collective_forming: 1, threat: 1, level_skipping: 1, sensitive_period: 2 },
      digest: { date: "2026-03-04", created: true },
    });
    const again = await as(t.app, s.office!).post("/api/warnings/scan");
    expect(again.json()).toMatchObject({ raised: 0, updated: 0, digest: { created: false } });

    const all = await list("office");
    expect(all.total).toBe(6);
    const spike = all.items.find((w) => w.kind === "spike")!;
    expect(spike).toMatchObject({ subject: "劳资纠纷 · 甲镇", caseCount: 6, status: "open" });
    expect(spike.figures).toMatchObject({ count: 6, mean: 1, pValue: 0.000594 });
    expect(spike.abilities).toEqual(["acknowledge", "follow_up", "close"]);
    const collective = all.items.find((w) => w.kind === "collective_forming")!;
    expect(collective).toMatchObject({ subject: "宏达建筑公司", caseCount: 3, figures: { persons: 3 } });
    expect(all.items.some((w) => w.subject.includes("恒泰"))).toBe(false);
    expect(all.items.find((w) => w.kind === "level_skipping")).toMatchObject({ caseCount: 2 });
    // Filters.
    expect((await list("office", "?kind=threat")).items.map((w) => w.kind)).toEqual(["threat"]);
    expect((await list("office", "?status=closed")).total).toBe(0);
    expect((await list("office", "?from=2026-03-05")).total).toBe(0);
    expect((await list("analyst", "?from=2026-03-04&to=2026-03-04")).total).toBe(6);
    // The audit log holds one row per warning raised.
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'warning_raised'",
    );
    expect(audit.rows[0]!.n).toBe(6);
  });

  it("adds a new person's case to the open collective warning instead of raising another", async () => {
    await register("t1", {
      title: "反映工资问题",
      content: "宏达建筑公司欠我工资三万元。",
      petitioners: person("13900000004"),
      receivedAt: "2026-03-04T09:00:00+08:00",
    });
    const r = await as(t.app, s.office!).post("/api/warnings/scan");
    expect(r.json()).toMatchObject({ raised: 0 });
    expect(r.json().updated).toBeGreaterThanOrEqual(1);
    const c = (await list("office", "?kind=collective_forming")).items;
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ caseCount: 4, figures: { persons: 4 } });
  });
});

describe("jurisdiction", () => {
  it("shows a township only warnings whose evidence it may read, never another township's case ids", async () => {
    const mine = await list("town1");
    expect(mine.items.map((w) => w.kind).sort()).toEqual(["collective_forming", "sensitive_period", "spike"]);
    for (const w of mine.items) expect(w.figures).toBeNull();
    const bodies: string[] = [];
    for (const w of (await list("town1")).items) {
      const d = await as(t.app, s.town1!).get(`/api/warnings/${w.id}`);
      expect(d.statusCode).toBe(200);
      bodies.push(d.body);
      for (const c of d.json().cases) expect(ids.t1).toContain(c.id);
    }
    const all = JSON.stringify(mine) + bodies.join("");
    for (const id of ids.t2) expect(all).not.toContain(id);
    const threat = (await list("office", "?kind=threat")).items[0]!;
    expect((await as(t.app, s.town1!).get(`/api/warnings/${threat.id}`)).statusCode).toBe(404);
    const theirs = await list("town2");
    expect(theirs.items.map((w) => w.kind).sort()).toEqual(["level_skipping", "sensitive_period", "threat"]);
    const detail = await as(t.app, s.town2!).get(`/api/warnings/${threat.id}`);
    expect(detail.json().cases.map((c: { id: string }) => c.id)).toEqual([threatCase]);
    // The threat's one case is all of it: its words show to whoever may open the case.
    expect(detail.json().summary.zh).toContain("扬言、跳楼");
    const matter = theirs.items.find((w) => w.kind === "level_skipping")!;
    expect(matter.figures).toBeNull();
    expect(matter.subject).toContain("征地补偿问题");
    expect((await as(t.app, s.town2!).get(`/api/warnings/${matter.id}`)).json().summary.zh).toContain(
      "您可查看的相关事项2件",
    );
  });

  it("refuses the roles that do not read warnings", async () => {
    expect((await as(t.app, s.rsj!).get("/api/warnings")).statusCode).toBe(403);
    expect((await as(t.app, s.sysadmin!).get("/api/warnings")).statusCode).toBe(403);
    expect((await as(t.app, null).get("/api/warnings")).statusCode).toBe(401);
    expect((await as(t.app, s.town1!).post("/api/warnings/scan")).statusCode).toBe(403);
  });
});

describe("acknowledge, follow up, close", () => {
  it("takes a warning through its life with an audit row for each change", async () => {
    const w = (await list("office", "?kind=collective_forming")).items[0]!;
    const ack = await as(t.app, s.office!).post(`/api/warnings/${w.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: "办公室",
      abilities: ["follow_up", "close"],
    });
    expect(ack.json().cases.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(collectiveCases),
    );
    const note = await as(t.app, s.office!).post(`/api/warnings/${w.id}/follow-ups`, {
      note: "已约谈宏达公司负责人",
    });
    expect(note.statusCode, note.body).toBe(201);
    const lead = await as(t.app, s.leader!).post(`/api/warnings/${w.id}/follow-ups`, {
      note: "请人社局牵头核实",
    });
    expect(lead.statusCode, lead.body).toBe(201);
    expect(lead.json().followUps).toEqual([
      expect.objectContaining({ seq: 1, note: "已约谈宏达公司负责人", actorName: "办公室" }),
      expect.objectContaining({ seq: 2, note: "请人社局牵头核实", actorName: "分管领导" }),
    ]);
    const closed = await as(t.app, s.office!).post(`/api/warnings/${w.id}/close`, { reason: "工资已结清" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: "closed",
      closedBy: "办公室",
      closeReason: "工资已结清",
      abilities: [],
    });
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'warning' AND object_id = $1 ORDER BY id",
      [w.id],
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      "warning_raised",
      "warning_updated",
      "warning_acknowledged",
      "warning_followed_up",
      "warning_followed_up",
      "warning_closed",
    ]);
    // A closed warning is final for its window: the next scan neither reopens nor repeats it.
    const rescan = await as(t.app, s.office!).post("/api/warnings/scan");
    expect(rescan.json()).toMatchObject({ raised: 0 });
    expect((await list("office", "?kind=collective_forming")).items).toEqual([
      expect.objectContaining({ id: w.id, status: "closed" }),
    ]);
  });

  it("refuses bad requests with the right status and changes nothing", async () => {
    const closed = (await list("office", "?status=closed")).items[0]!;
    const open = (await list("office", "?kind=spike")).items[0]!;
    const threat = (await list("office", "?kind=threat")).items[0]!;
    const before = await warningCounts();
    const cases: [Session, string, unknown, number, string][] = [
      [s.office!, `/api/warnings/${closed.id}/acknowledge`, undefined, 409, "WARNING_INVALID_STATE"],
      [s.office!, `/api/warnings/${closed.id}/follow-ups`, { note: "再看看" }, 409, "WARNING_INVALID_STATE"],
      [s.office!, `/api/warnings/${closed.id}/close`, { reason: "重复" }, 409, "WARNING_INVALID_STATE"],
      [s.office!, `/api/warnings/${open.id}/follow-ups`, { note: "   " }, 400, "VALIDATION_FAILED"],
      [s.office!, `/api/warnings/${open.id}/close`, {}, 400, "VALIDATION_FAILED"],
      [
        s.office!,
        "/api/warnings/00000000-0000-4000-8000-000000000000/acknowledge",
        undefined,
        404,
        "WARNING_NOT_FOUND",
      ],
      [s.office!, "/api/warnings/not-a-uuid/acknowledge", undefined, 400, "VALIDATION_FAILED"],
      [s.bleader!, `/api/warnings/${open.id}/acknowledge`, undefined, 403, "FORBIDDEN"],
      [s.town1!, `/api/warnings/${open.id}/acknowledge`, undefined, 403, "FORBIDDEN"],
      [s.town1!, `/api/warnings/${threat.id}/follow-ups`, { note: "x" }, 404, "WARNING_NOT_FOUND"],
      [
        s.office!,
        "/api/warnings/sensitive-periods",
        { name: "倒置", startsOn: "2026-05-02", endsOn: "2026-05-01" },
        422,
        "SENSITIVE_PERIOD_INVALID",
      ],
      [
        s.office!,
        "/api/warnings/sensitive-periods",
        { name: "", startsOn: "2026-05-01", endsOn: "2026-05-02" },
        400,
        "VALIDATION_FAILED",
      ],
      [
        s.town1!,
        "/api/warnings/sensitive-periods",
        { name: "乡里", startsOn: "2026-05-01", endsOn: "2026-05-02" },
        403,
        "FORBIDDEN",
      ],
    ];
    for (const [who, url, body, status, code] of cases) {
      const res = await as(t.app, who).post(url, body);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const put = await as(t.app, s.office!).put(
      "/api/warnings/sensitive-periods/00000000-0000-4000-8000-000000000000",
      {
        name: "无",
        startsOn: "2026-05-01",
        endsOn: "2026-05-02",
      },
    );
    expect(put.statusCode).toBe(404);
    expect((await as(t.app, s.office!).get("/api/warnings?from=2026-03-05&to=2026-03-01")).statusCode).toBe(
      422,
    );
    expect(await warningCounts()).toEqual(before);
    expect((await as(t.app, s.office!).get(`/api/warnings/${open.id}`)).json().status).toBe("open");
  });
});

describe("sensitive periods and settings", () => {
  it("lets the office and the system administrator edit the calendar, with audit rows", async () => {
    const created = await as(t.app, s.sysadmin!).post("/api/warnings/sensitive-periods", {
      name: "国庆节",
      startsOn: "2026-10-01",
      endsOn: "2026-10-07",
      note: "国庆假期",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const changed = await as(t.app, s.office!).put(`/api/warnings/sensitive-periods/${id}`, {
      name: "国庆节",
      startsOn: "2026-09-30",
      endsOn: "2026-10-08",
    });
    expect(changed.json()).toMatchObject({ startsOn: "2026-09-30", endsOn: "2026-10-08", note: null });
    const listed = await as(t.app, s.town1!).get("/api/warnings/sensitive-periods");
    expect(listed.json().items.map((p: { name: string }) => p.name)).toEqual(["国庆节", "全国两会"]);
    expect((await as(t.app, s.office!).delete(`/api/warnings/sensitive-periods/${id}`)).statusCode).toBe(204);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_type = 'sensitive_period' AND object_id = $1 ORDER BY id",
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      "sensitive_period_created",
      "sensitive_period_updated",
      "sensitive_period_deleted",
    ]);
  });

  it("reads and writes the thresholds and word lists, keeping the per-case safety words", async () => {
    const current = (await as(t.app, s.office!).get("/api/warnings/settings")).json();
    expect(current).toMatchObject({ spikePValue: 0.01, collectiveMinPersons: 3 });
    expect(current.safetyWords).toContain("跳楼");
    const bad = await as(t.app, s.office!).put("/api/warnings/settings", { ...current, spikePValue: 2 });
    expect(bad.statusCode).toBe(400);
    const put = await as(t.app, s.office!).put("/api/warnings/settings", {
      ...current,
      threatWords: ["扬言", "堵路"],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().threatWords).toEqual(["扬言", "堵路"]);
    expect((await as(t.app, s.town1!).put("/api/warnings/settings", current)).statusCode).toBe(403);
    await as(t.app, s.office!).put("/api/warnings/settings", current);
  });
});

describe("the daily digest", () => {
  it("counts new and open warnings by kind and the deadline alerts, as each leader may see them", async () => {
    const dates = await as(t.app, s.leader!).get("/api/warnings/digests");
    expect(dates.json().items.map((d: { date: string }) => d.date)).toEqual(["2026-03-04"]);
    const d = await as(t.app, s.leader!).get("/api/warnings/digests/2026-03-04");
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      date: "2026-03-04",
      newByKind: { spike: 1, collective_forming: 1, threat: 1, level_skipping: 1, sensitive_period: 2 },
      openByKind: { spike: 1, collective_forming: 1, threat: 1, level_skipping: 1, sensitive_period: 2 },
      alerts: { warning: 0, breach: 0 },
    });
    const docx = await as(t.app, s.bleader!).get("/api/warnings/digests/2026-03-04/docx");
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await as(t.app, s.leader!).get("/api/warnings/digests/2026-03-05")).statusCode).toBe(404);
    expect((await as(t.app, s.leader!).get("/api/warnings/digests/yesterday")).statusCode).toBe(400);
    expect((await as(t.app, s.town1!).get("/api/warnings/digests/2026-03-04")).statusCode).toBe(403);
  });
});
