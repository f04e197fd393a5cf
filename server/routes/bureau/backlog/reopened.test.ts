import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, startBureauTest } from "../../../bureau/test-support.ts";
import { caseInput } from "../../../test/factories.ts";
import { as } from "../../../test/harness.ts";

let b: BureauTest;
const api = (who: string) => as(b.t.app, b.s[who]!);
const step = async (who: string, id: string, action: string, body: Record<string, unknown> = {}) => {
  const res = await api(who).post(`/api/cases/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
};

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

/** A fresh case taken through the workflow to the reply and rated by the citizen. */
async function ratedCase(unitRating: "satisfied" | "dissatisfied"): Promise<string> {
  const created = await api("reg").post("/api/cases", caseInput());
  expect(created.statusCode, created.body).toBe(201);
  const { id, caseNumber, queryCode } = created.json();
  const rsj = await b.unit("c.rsj");
  await step("reg", id, "accept");
  await step("office", id, "draft-opinion", { opinion: "交人社局" });
  await step("bleader", id, "sign");
  await step("leader", id, "sign");
  await step("office", id, "assign", { leadUnitId: rsj, instructions: "办理", dueDays: 10 });
  await step("rsj", id, "receive");
  await step("rsj", id, "report-result", { result: "已处理", proposedOpinion: "explain" });
  await step("office", id, "vet-accept");
  await step("office", id, "reply", {
    opinion: "explain",
    text: "经调查，现向您作出解释。",
    legalBasis: "《信访工作条例》第三十二条",
  });
  const rated = await b.t.app.inject({
    method: "POST",
    url: "/api/public/evaluate",
    payload: { caseNumber, queryCode, bureauRating: "basically_satisfied", unitRating },
  });
  expect(rated.statusCode, rated.body).toBe(200);
  return id;
}

describe("the backlog rule for reopened cases", () => {
  it("suggests a case reopened after a dissatisfied rating — and only because it was reopened", async () => {
    const reopened = await ratedCase("dissatisfied");
    const dissatisfiedOnly = await ratedCase("dissatisfied");
    const fresh = await b.newCase("reg");
    await step("office", reopened, "reopen", { reason: "信访人对承办单位不满意，重新办理" });

    const items: { case: { id: string }; reasons: string[]; openDays: number; repeats: number }[] = (
      await api("office").get("/api/bureau/backlog/suggestions")
    ).json().items;
    const byId = new Map(items.map((s) => [s.case.id, s]));
    // Neither old nor repeated: the reopening is the only reason it is there.
    expect(byId.get(reopened)).toMatchObject({ reasons: ["reopened"], repeats: 0 });
    expect(byId.get(reopened)!.openDays).toBeLessThan(180);
    // Rated dissatisfied but not reopened, and a fresh case: not backlog.
    expect(byId.has(dissatisfiedOnly)).toBe(false);
    expect(byId.has(fresh)).toBe(false);

    // Marking without reasons takes the rule's own: "reopened".
    const marked = await api("office").post("/api/bureau/backlog", { caseId: reopened });
    expect(marked.statusCode, marked.body).toBe(201);
    expect(marked.json()).toMatchObject({ reasons: ["reopened"], status: "open" });
    expect((await b.events(reopened)).at(-1)).toMatchObject({
      action: "backlog_marked",
      note: expect.stringContaining("重新办理"),
    });
  });
});
