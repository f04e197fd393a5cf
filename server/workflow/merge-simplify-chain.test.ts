import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_APPROVAL_CHAIN } from "../../domain/workflow/transitions.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../test/factories.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);
const detail = async (id: string) => (await as(t.app, s.get("office")!).get(`/api/cases/${id}`)).json();

async function register(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
});
afterAll(() => t.close());

describe("merge (合并)", () => {
  it("folds a repeat into its open original, keeps the link both ways and stops the repeat's clocks", async () => {
    const original = await register();
    const repeat = await register({ title: "再次反映拖欠工资" });
    const res = await post("reg", repeat, "merge", { intoCaseId: original, note: "同一事项重复来访" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("merged");

    const merged = await detail(repeat);
    const orig = await detail(original);
    expect(merged.mergedInto).toEqual({ id: original, caseNumber: orig.caseNumber });
    expect(merged.isFirstPetition).toBe(false);
    expect(merged.clocks.every((c: { state: string }) => c.state !== "running")).toBe(true);
    const mergedIn = orig.events.find((e: { action: string }) => e.action === "merged_in");
    expect(mergedIn?.note).toBe("同一事项重复来访");
    expect(orig.status).toBe("registered");
    // A merged case goes to the archive like any other finished one.
    expect((await post("office", repeat, "archive")).json().status).toBe("archived");
  });

  it("refuses the case itself, a closed original and an unknown one, and changes nothing", async () => {
    const repeat = await register();
    const closed = await register();
    await post("reg", closed, "decline", { reason: "in_litigation" });
    const before = await snapshotCounts(t.db);
    for (const into of [repeat, closed, "00000000-0000-4000-8000-000000000000"]) {
      const res = await post("reg", repeat, "merge", { intoCaseId: into });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("MERGE_TARGET_INVALID");
      expect(res.json().error.message).toMatch(/合并/);
    }
    expect(await snapshotCounts(t.db)).toEqual(before);
    expect((await detail(repeat)).status).toBe("registered");
  });

  it("never folds an accusation into a request nor a request into an accusation: they are linked, not merged", async () => {
    const request = await register();
    const accusation = await register({
      title: "检举劳动监察员收钱不管欠薪",
      nature: "accusation",
      legalClass: "accusation",
      isConfidential: false,
    });
    const before = await snapshotCounts(t.db);
    for (const [from, into] of [
      [accusation, request],
      [request, accusation],
    ] as const) {
      const res = await post("reg", from, "merge", { intoCaseId: into });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("REPEAT_KINDS_DIFFER");
      expect(res.json().error.message).toMatch(/关联/);
    }
    expect(await snapshotCounts(t.db)).toEqual(before);
    expect((await detail(accusation)).status).toBe("registered");
    // Two accusations of one matter are merged as before.
    const again = await register({
      title: "再次检举",
      nature: "accusation",
      legalClass: "accusation",
      isConfidential: false,
    });
    const res = await post("reg", again, "merge", { intoCaseId: accusation });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("is not open to handling units", async () => {
    const original = await register();
    const repeat = await register();
    const res = await post("town1", repeat, "merge", { intoCaseId: original });
    expect(res.statusCode).toBe(403);
  });
});

describe("simplified procedure (简易办理)", () => {
  it("puts a clear first petition straight to assignment with a 10-working-day opinion clock", async () => {
    const id = await register();
    await post("reg", id, "accept");
    const res = await post("office", id, "simplify", { note: "事实清楚" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("signed_off");
    const d = await detail(id);
    expect(d.simplified).toBe(true);
    const clock = d.clocks.find((c: { step: string }) => c.step === "simplified");
    // Accepted on Monday 2026-03-02: ten working days later is Monday 2026-03-16.
    expect(clock).toMatchObject({ clock: "statutory", startedOn: "2026-03-02", dueOn: "2026-03-16" });
  });

  it("is refused for a repeat petition and changes nothing", async () => {
    const idNumber = "110101199003071233";
    const petitioners = [{ name: "李四", idNumber, phone: "13900139000" }];
    await register({ petitioners });
    const second = await register({ petitioners });
    expect((await detail(second)).isFirstPetition).toBe(false);
    await post("reg", second, "accept");
    const before = await snapshotCounts(t.db);
    const res = await post("office", second, "simplify");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("SIMPLIFIED_NOT_ALLOWED");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });
});

describe("the approval chain as a bureau setting", () => {
  it("reads the default, refuses non-admins and bad chains, and the next draft follows the new chain", async () => {
    const got = await as(t.app, s.get("office")!).get("/api/settings/approval-chain");
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(DEFAULT_APPROVAL_CHAIN);

    const chain = { urgent: ["bureau_leader"], general: ["bureau_leader"], major: ["principal_leader"] };
    expect((await as(t.app, s.get("office")!).put("/api/settings/approval-chain", chain)).statusCode).toBe(
      403,
    );
    expect((await as(t.app, s.get("town1")!).get("/api/settings/approval-chain")).statusCode).toBe(403);
    const before = await snapshotCounts(t.db);
    for (const bad of [
      { ...chain, general: ["bureau_leader", "bureau_leader"] },
      { ...chain, general: [] },
      { ...chain, general: ["unit_staff"] },
      { urgent: chain.urgent, general: chain.general },
    ]) {
      const res = await as(t.app, s.get("sysadmin")!).put("/api/settings/approval-chain", bad);
      expect(res.statusCode).toBe(400);
    }
    expect(await snapshotCounts(t.db)).toEqual(before);

    const put = await as(t.app, s.get("sysadmin")!).put("/api/settings/approval-chain", chain);
    expect(put.statusCode, put.body).toBe(200);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings_approval_chain'",
    );
    expect(audit.rows[0]!.n).toBe(1);

    const id = await register();
    await post("reg", id, "accept");
    await post("office", id, "draft-opinion", { opinion: "交人社局办理" });
    // One signature now ends the chain for a general case.
    expect((await post("bleader", id, "sign", { instruction: "同意" })).json().status).toBe("signed_off");

    // Put the default back so other tests in this file see it.
    await as(t.app, s.get("sysadmin")!).put("/api/settings/approval-chain", DEFAULT_APPROVAL_CHAIN);
  });
});
