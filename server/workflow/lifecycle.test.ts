import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, TEST_USERS } from "../test/factories.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();
let rsjUnit: string;
let gajUnit: string;

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

async function acceptedCase(): Promise<string> {
  const created = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
  const id = created.json().id as string;
  expect((await post("reg", id, "accept")).statusCode).toBe(200);
  return id;
}

async function signedOff(): Promise<string> {
  const id = await acceptedCase();
  expect((await post("office", id, "draft-opinion", { opinion: "建议交人社局办理" })).statusCode).toBe(200);
  expect((await post("bleader", id, "sign", { instruction: "同意" })).statusCode).toBe(200);
  expect((await post("leader", id, "sign", { instruction: "请人社局抓紧办理" })).statusCode).toBe(200);
  return id;
}

async function assignedToRsj(): Promise<string> {
  const id = await signedOff();
  const res = await post("office", id, "assign", {
    leadUnitId: rsjUnit,
    assistUnitIds: [gajUnit],
    instructions: "请于20日内办结并报送办结报告",
    dueDays: 20,
  });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

/** Takes a registered case along the main path to a reply with the given opinion. */
async function replyTo(
  id: string,
  opinion: "support" | "explain" | "not_support",
  text: string,
): Promise<void> {
  await post("reg", id, "accept");
  await post("office", id, "draft-opinion", { opinion: "交人社局" });
  await post("bleader", id, "sign");
  await post("leader", id, "sign");
  await post("office", id, "assign", { leadUnitId: rsjUnit, instructions: "办理", dueDays: 10 });
  await post("rsj", id, "receive");
  await post("rsj", id, "report-result", { result: "已处理", proposedOpinion: opinion });
  await post("office", id, "vet-accept");
  const replied = await post("office", id, "reply", {
    opinion,
    text,
    legalBasis: "《信访工作条例》第三十二条",
  });
  expect(replied.json().status).toBe("replied");
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  const unit = async (path: string) =>
    (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
  rsjUnit = await unit("c.rsj");
  gajUnit = await unit("c.gaj");
});
afterAll(() => t.close());

describe("a case from acceptance to the reply", () => {
  it("goes through drafting, two signatures, assignment, handling, result, vetting and the reply", async () => {
    const id = await assignedToRsj();
    // The handling unit can now see the case, and only its lead unit may act on it.
    const seen = await as(t.app, s.get("rsj")!).get(`/api/cases/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual(expect.arrayContaining(["receive", "object"]));
    const assist = await as(t.app, s.get("gaj")!).get(`/api/cases/${id}`);
    expect(assist.statusCode).toBe(200);
    expect(assist.json().abilities).not.toContain("receive");
    expect((await post("gaj", id, "receive")).statusCode).toBe(403);

    expect((await post("rsj", id, "receive")).json().status).toBe("handling");
    const reported = await post("rsj", id, "report-result", {
      result: "经核查，欠薪属实，已责令公司于本月底前足额支付。",
      proposedOpinion: "support",
    });
    expect(reported.json().status).toBe("result_reported");
    expect((await post("office", id, "vet-accept")).json().status).toBe("vetted");
    const replied = await post("office", id, "reply", {
      opinion: "support",
      text: "您反映的欠薪问题属实，已责令用人单位足额支付。",
      legalBasis: "《保障农民工工资支付条例》第三条",
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const body = replied.json();
    expect(body.status).toBe("replied");
    // Replied on 2026-03-02: 30 days → 2026-04-01, the last day to ask for review.
    expect(body.reply).toMatchObject({ opinion: "support", reviewRequestUntil: "2026-04-01" });
    expect(body.events.map((e: { action: string }) => e.action)).toEqual([
      "register",
      "accept",
      "draft_opinion",
      "sign",
      "sign",
      "assign",
      "receive",
      "report_result",
      "vet_accept",
      "reply",
    ]);
    const clocks = body.clocks as { clock: string; step: string; state: string; dueOn: string }[];
    expect(clocks.find((c) => c.clock === "assigned")).toMatchObject({ state: "met", dueOn: "2026-03-23" });
    expect(clocks.find((c) => c.step === "handling")).toMatchObject({ state: "met" });
    expect(clocks.find((c) => c.step === "firstDisposal")).toMatchObject({ state: "met" });
  });

  it("keeps every instruction verbatim with its signer, in chain order", async () => {
    const id = await signedOff();
    const { rows } = await t.db.query<{
      step: number;
      role: string;
      signer_label: string;
      instruction: string;
    }>(
      "SELECT step, role, signer_label, instruction FROM case_signoffs WHERE case_id = $1 ORDER BY round, step",
      [id],
    );
    expect(rows).toEqual([
      { step: 1, role: "bureau_leader", signer_label: "局长", instruction: "同意" },
      { step: 2, role: "leader_in_charge", signer_label: "分管领导", instruction: "请人社局抓紧办理" },
    ]);
  });
});

describe("the sign-off chain", () => {
  it("lets only the signer whose turn it is sign, and a send-back starts a new round", async () => {
    const id = await acceptedCase();
    await post("office", id, "draft-opinion", { opinion: "初拟意见" });
    const early = await post("leader", id, "sign");
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe("NOT_YOUR_TURN");
    const back = await post("bleader", id, "send-back", { instruction: "请补充核查情况后重拟" });
    expect(back.json().status).toBe("drafting");
    expect((await post("bleader", id, "sign")).statusCode).toBe(409);
    await post("office", id, "draft-opinion", { opinion: "补充核查后重拟的意见" });
    expect((await post("bleader", id, "sign")).json().status).toBe("awaiting_signoff");
    expect((await post("leader", id, "sign")).json().status).toBe("signed_off");
    const rounds = await t.db.query<{ round: number; decision: string }>(
      "SELECT round, decision FROM case_signoffs WHERE case_id = $1 ORDER BY round, step",
      [id],
    );
    expect(rounds.rows).toEqual([
      { round: 1, decision: "sent_back" },
      { round: 2, decision: "approved" },
      { round: 2, decision: "approved" },
    ]);
  });

  it("sends a major case on to the principal leader", async () => {
    const id = await acceptedCase();
    await post("office", id, "draft-opinion", { opinion: "重大案件", severity: "major" });
    await post("bleader", id, "sign");
    expect((await post("leader", id, "sign")).json().status).toBe("awaiting_signoff");
    // A principal leader for this test only, with the same password as the others.
    await t.db.query(
      `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
       SELECT 'principal', '主要领导', unit_id, ARRAY['principal_leader'], password_hash FROM users WHERE username = 'leader'
       ON CONFLICT (username) DO NOTHING`,
    );
    const principal = await login(t.app, "principal");
    const done = await as(t.app, principal).post(`/api/cases/${id}/sign`, {
      instruction: "同意，由县政府督办",
    });
    expect(done.json().status).toBe("signed_off");
  });
});

describe("assignment", () => {
  it("refuses a unit outside the county, the bureau itself, or a lead that also assists, and writes nothing", async () => {
    const id = await signedOff();
    const bureau = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.xfj'"))
      .rows[0]!.id;
    const before = await snapshotCounts(t.db);
    for (const body of [
      { leadUnitId: bureau, instructions: "x", dueDays: 10 },
      { leadUnitId: rsjUnit, assistUnitIds: [rsjUnit], instructions: "x", dueDays: 10 },
      { leadUnitId: "00000000-0000-4000-8000-000000000000", instructions: "x", dueDays: 10 },
    ]) {
      const res = await post("office", id, "assign", body);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("ASSIGNMENT_UNIT_INVALID");
    }
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("lets the lead unit object within 5 working days and the bureau assign again", async () => {
    const id = await assignedToRsj();
    const back = await post("rsj", id, "object", { reason: "该事项属公安机关职责" });
    expect(back.json().status).toBe("signed_off");
    expect(back.json().leadUnitId).toBeNull();
    const again = await post("office", id, "assign", {
      leadUnitId: gajUnit,
      instructions: "请公安局办理",
      dueDays: 15,
    });
    expect(again.json()).toMatchObject({ status: "assigned", leadUnitId: gajUnit });
  });

  it("refuses an objection after the window", async () => {
    const id = await assignedToRsj();
    // Assigned 2026-03-02 (Mon): five working days end 2026-03-09; on the 10th it is too late.
    t.clock.now = new Date("2026-03-10T02:00:00Z");
    const late = await login(t.app, "rsj");
    const res = await as(t.app, late).post(`/api/cases/${id}/object`, { reason: "不属本单位职责" });
    // Back to the suite's day: the other sessions were not used meanwhile, so they are still fresh.
    t.clock.now = new Date("2026-03-02T02:00:00Z");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("OBJECTION_WINDOW_PASSED");
  });

  it("sends a result back for redo and takes the second report", async () => {
    const id = await assignedToRsj();
    await post("rsj", id, "receive");
    await post("rsj", id, "report-result", { result: "初步结果", proposedOpinion: "explain" });
    expect((await post("office", id, "vet-redo", { reason: "事实不清，请补充" })).json().status).toBe(
      "handling",
    );
    expect(
      (await post("rsj", id, "report-result", { result: "补充后的结果", proposedOpinion: "support" })).json()
        .status,
    ).toBe("result_reported");
  });
});

describe("the petitioner's answer and rating", () => {
  async function repliedCase(): Promise<{ id: string; caseNumber: string; queryCode: string }> {
    const created = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
    const { id, caseNumber, queryCode } = created.json();
    const publicStatus = () =>
      t.app.inject({ method: "POST", url: "/api/public/status", payload: { caseNumber, queryCode } });
    expect((await publicStatus()).json()).toMatchObject({ reply: null, canEvaluate: false });
    const early = await t.app.inject({
      method: "POST",
      url: "/api/public/evaluate",
      payload: { caseNumber, queryCode, bureauRating: "satisfied", unitRating: "satisfied" },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("EVALUATION_NOT_OPEN");
    await replyTo(id, "explain", "经调查，相关工资已于三月结清，现向您作出解释。");
    return { id, caseNumber, queryCode };
  }

  it("lets the citizen read the reply with the review deadline and rate it once", async () => {
    const { id, caseNumber, queryCode } = await repliedCase();
    const status = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber, queryCode },
    });
    expect(status.json()).toMatchObject({
      status: "replied",
      canEvaluate: true,
      reply: {
        opinion: "explain",
        legalBasis: "《信访工作条例》第三十二条",
        reviewRequestUntil: "2026-04-01",
      },
    });
    const rate = (bureauRating: string, code = queryCode) =>
      t.app.inject({
        method: "POST",
        url: "/api/public/evaluate",
        payload: {
          caseNumber,
          queryCode: code,
          bureauRating,
          unitRating: "basically_satisfied",
          comment: "处理较快",
        },
      });
    expect((await rate("satisfied", "WRONGCOD")).statusCode).toBe(404);
    const rated = await rate("satisfied");
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({
      status: "evaluated",
      canEvaluate: false,
      rating: { bureau: "satisfied" },
    });
    expect((await rate("dissatisfied")).statusCode).toBe(409);
    const staff = await as(t.app, s.get("office")!).get(`/api/cases/${id}`);
    expect(staff.json().rating).toMatchObject({
      bureau: "satisfied",
      unit: "basically_satisfied",
      comment: "处理较快",
    });
    expect(staff.json().events.at(-1)).toMatchObject({ action: "evaluate", actor: "信访人" });
    // A satisfied petitioner's case is not reopened.
    expect((await post("office", id, "reopen", { reason: "复核" })).statusCode).toBe(409);
  });

  it("reopens a case the petitioner was dissatisfied with, back to the handling unit", async () => {
    const { id, caseNumber, queryCode } = await repliedCase();
    await t.app.inject({
      method: "POST",
      url: "/api/public/evaluate",
      payload: { caseNumber, queryCode, bureauRating: "basically_satisfied", unitRating: "dissatisfied" },
    });
    const reopened = await post("office", id, "reopen", { reason: "信访人对承办单位不满意，重新办理" });
    expect(reopened.json().status).toBe("handling");
    expect(
      (
        await post("rsj", id, "report-result", { result: "重新核查后的结果", proposedOpinion: "support" })
      ).json().status,
    ).toBe("result_reported");
  });
});

describe("extension and follow-up", () => {
  it("lets the head of the lead unit extend the handling limit up to 30 days in all, each time recorded", async () => {
    const id = await assignedToRsj();
    await post("rsj", id, "receive");
    await t.db.query(
      `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
       SELECT 'rsjhead', '人社局局长', unit_id, ARRAY['unit_leader'], password_hash FROM users WHERE username = 'rsj'
       ON CONFLICT (username) DO NOTHING`,
    );
    const head = await login(t.app, "rsjhead");
    const extend = (days: number) =>
      as(t.app, head).post(`/api/cases/${id}/extend`, { days, reason: "需现场勘查" });
    // Staff may not extend: the head of the body approves.
    expect((await post("rsj", id, "extend", { days: 5, reason: "x" })).statusCode).toBe(403);
    const handlingDue = async () =>
      (
        await t.db.query<{ due_on: string }>(
          "SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM case_clocks WHERE case_id = $1 AND step = 'handling'",
          [id],
        )
      ).rows[0]!.due_on;
    expect(await handlingDue()).toBe("2026-05-06");
    const first = await extend(20);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().events.at(-1)).toMatchObject({ action: "extend", note: "需现场勘查" });
    expect(await handlingDue()).toBe("2026-05-26");
    const tooLong = await extend(15);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error.code).toBe("EXTENSION_TOO_LONG");
    expect(await handlingDue()).toBe("2026-05-26");
    expect((await extend(10)).statusCode).toBe(200);
    expect(await handlingDue()).toBe("2026-06-05");
  });

  it("records a follow-up call without changing the status", async () => {
    const id = await assignedToRsj();
    await post("rsj", id, "receive");
    await post("rsj", id, "report-result", { result: "已办结", proposedOpinion: "support" });
    await post("office", id, "vet-accept");
    await post("office", id, "reply", { opinion: "support", text: "答复", legalBasis: "依据" });
    const call = await post("office", id, "follow-up", { note: "电话回访，信访人表示问题已解决" });
    expect(call.json().status).toBe("replied");
    expect(call.json().events.at(-1)).toMatchObject({
      action: "follow_up",
      fromStatus: "replied",
      toStatus: "replied",
    });
  });
});

describe("review, reexamination and the end of a case", () => {
  async function replied(): Promise<{ id: string; caseNumber: string; queryCode: string }> {
    const created = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
    const { id, caseNumber, queryCode } = created.json();
    await replyTo(id, "not_support", "诉求缺乏依据");
    return { id, caseNumber, queryCode };
  }
  const publicPost = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: "POST", url: `/api/public/${url}`, payload });

  it("goes from the reply through review and reexamination to termination and the archive", async () => {
    // Reviewed by 县政府办, so the reexamination (by the county government) stays in the system;
    // the bureau's office does 县政府办's review work (its review office).
    await t.db.query(
      "UPDATE org_units SET reviewing_unit_id = (SELECT id FROM org_units WHERE path = 'c.gov') WHERE path = 'c.rsj'",
    );
    await t.db.query(
      "UPDATE org_units SET review_office_id = (SELECT id FROM org_units WHERE path = 'c.xfj') WHERE path = 'c.gov'",
    );
    const { id, caseNumber, queryCode } = await replied();
    expect((await publicPost("status", { caseNumber, queryCode })).json()).toMatchObject({
      canRequestReview: true,
      canRequestReexam: false,
    });
    const asked = await publicPost("request-review", {
      caseNumber,
      queryCode,
      reason: "对处理意见不服，申请复查",
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().status).toBe("review_requested");
    expect((await post("office", id, "accept-review")).json().status).toBe("under_review");
    // Only a leader above the handling unit decides the review.
    expect((await post("office", id, "decide-review", { opinion: "uphold", text: "维持" })).statusCode).toBe(
      403,
    );
    const reviewed = await post("leader", id, "decide-review", {
      opinion: "uphold",
      text: "经复查，维持原处理意见",
    });
    expect(reviewed.json().status).toBe("reviewed");
    const status = await publicPost("status", { caseNumber, queryCode });
    expect(status.json()).toMatchObject({
      canRequestReexam: true,
      review: { opinion: "uphold", reexamRequestUntil: "2026-04-01" },
    });
    expect(
      (await publicPost("request-reexam", { caseNumber, queryCode, reason: "申请复核" })).json().status,
    ).toBe("reexam_requested");
    await post("office", id, "accept-reexam");
    await t.db.query(
      `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
       SELECT 'principal2', '县长', unit_id, ARRAY['principal_leader'], password_hash FROM users WHERE username = 'leader'
       ON CONFLICT (username) DO NOTHING`,
    );
    const principal = await login(t.app, "principal2");
    const ended = await as(t.app, principal).post(`/api/cases/${id}/decide-reexam`, {
      opinion: "uphold",
      text: "复核维持，终结",
    });
    expect(ended.json().status).toBe("terminated");
    expect(ended.json().clocks.every((c: { state: string }) => c.state !== "running")).toBe(true);
    expect(
      (await publicPost("request-review", { caseNumber, queryCode, reason: "再次申请" })).statusCode,
    ).toBe(409);
    expect((await post("office", id, "archive")).json().status).toBe("archived");
    await t.db.query(
      "UPDATE org_units SET reviewing_unit_id = (SELECT id FROM org_units WHERE path = 'c') WHERE path = 'c.rsj'",
    );
  });

  it("does not close an answer the petitioner may still appeal, and closes it once the window has passed", async () => {
    const { id } = await replied();
    const early = await post("office", id, "close");
    expect(early.statusCode).toBe(409);
    t.clock.now = new Date("2026-04-02T02:00:00Z");
    const office = await login(t.app, "office");
    const closed = await as(t.app, office).post(`/api/cases/${id}/close`, {});
    t.clock.now = new Date("2026-03-02T02:00:00Z");
    expect(closed.json().status).toBe("closed");
  });

  it("refuses a review request after the window", async () => {
    const { caseNumber, queryCode } = await replied();
    t.clock.now = new Date("2026-04-02T02:00:00Z");
    const late = await publicPost("request-review", { caseNumber, queryCode, reason: "逾期申请" });
    t.clock.now = new Date("2026-03-02T02:00:00Z");
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("APPEAL_NOT_OPEN");
  });
});
