import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let reg: Session;

async function register(overrides: Record<string, unknown>): Promise<string> {
  const res = await as(t.app, reg).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const warnings = async (id: string, session = reg) => as(t.app, session).get(`/api/cases/${id}/warnings`);
const codes = async (id: string) => (await warnings(id)).json().items.map((w: { code: string }) => w.code);

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
});
afterAll(() => t.close());

describe("early-warning suggestions on a case", () => {
  it("raises none for an ordinary first petition at the county", async () => {
    const id = await register({
      destinationLevel: "county",
      petitioners: [{ name: "周九", idNumber: freshIdNumber(), phone: "13611112222" }],
    });
    expect(await codes(id)).toEqual([]);
  });

  it("counts the same person's earlier cases within the window only", async () => {
    const person = { name: "钱七", idNumber: "110101199003071233", phone: "13912345678" };
    // 51 days earlier: outside the 30-day window.
    await register({ petitioners: [person], receivedAt: "2026-01-10T09:00:00+08:00" });
    const first = await register({ petitioners: [person], receivedAt: "2026-02-20T09:00:00+08:00" });
    const second = await register({ petitioners: [{ ...person, idNumber: undefined }] });
    expect(await codes(first)).toEqual([]);
    const res = await warnings(second);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ code: "repeated" })]);
    expect(res.json().items[0].zh).toContain("30日内已有1件");
  });

  it("raises collective, level-skipping and safety warnings from the case's own facts", async () => {
    const id = await register({
      // A person of their own (the default test phone is shared by other cases here).
      petitioners: [{ name: "孙八", idNumber: freshIdNumber(), phone: "13722223333" }],
      headcount: 8,
      destinationLevel: "provincial",
      content: "工程款拖欠两年，工人说再不解决就要跳楼。",
    });
    expect(await codes(id)).toEqual(["collective", "level_skipping", "safety"]);
  });

  it("answers 404 to a township that may not read the case", async () => {
    const id = await register({});
    const town2 = await login(t.app, "town2");
    expect((await warnings(id, town2)).statusCode).toBe(404);
  });
});
