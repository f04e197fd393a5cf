import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_APPROVAL_CHAIN } from "../../../domain/workflow/transitions.ts";
import { caseInput, freshIdNumber, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

/**
 * An accusation never reaches the accused: by design, from registration, before and after the
 * accused unit is known, in every way a unit could read or find it; and it never stalls because
 * the one who would handle or sign it is the one accused.
 */
let t: TestContext;
const s = new Map<string, Session>();
const unit = new Map<string, string>();
const WORD = "挪用扶贫款";

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

async function accusation(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await as(t.app, s.get("reg")!).post(
    "/api/cases",
    caseInput({
      title: `检举甲村干部${WORD}`,
      content: `甲村村委会主任${WORD}五万元，请求查处。`,
      nature: "accusation",
      legalClass: "accusation",
      problemRegionCode: "990001001001",
      isConfidential: false,
      ...overrides,
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Every way a user could read or find the case: detail, list, list search, search page, statistics. */
async function sees(user: string, id: string): Promise<Record<string, boolean>> {
  const u = as(t.app, s.get(user)!);
  const detail = (await u.get(`/api/cases/${id}`)).statusCode === 200;
  const list = ((await u.get("/api/cases?pageSize=200")).json().items as { id: string }[]).some(
    (c) => c.id === id,
  );
  const found = (await u.get(`/api/cases?q=${encodeURIComponent(WORD)}`)).json().items as { id: string }[];
  const search = (await u.get(`/api/search/cases?q=${encodeURIComponent(WORD)}`)).json().items as {
    id: string;
  }[];
  return {
    detail,
    list,
    listSearch: found.some((c) => c.id === id),
    search: search.some((c) => c.id === id),
  };
}
const NOTHING = { detail: false, list: false, listSearch: false, search: false };
const EVERYTHING = { detail: true, list: true, listSearch: true, search: true };

async function accusationTotal(user: string): Promise<number> {
  const res = await as(t.app, s.get(user)!).get("/api/stats/summary?nature=accusation");
  expect(res.statusCode, res.body).toBe(200);
  return res.json().totals.items as number;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  for (const path of ["c", "c.xfj", "c.gov", "c.rsj", "c.t1", "c.t1.v1"])
    unit.set(
      path,
      (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id,
    );
});
afterAll(() => t.close());

describe("an accusation is confidential from registration", () => {
  it("is hidden from the township and village of its area although no accused unit was recorded", async () => {
    const before = await accusationTotal("town1");
    const id = await accusation();
    const row = await t.db.query<{ is_confidential: boolean }>(
      "SELECT is_confidential FROM cases WHERE id = $1",
      [id],
    );
    expect(row.rows[0]!.is_confidential).toBe(true);
    expect(await sees("village1", id)).toEqual(NOTHING);
    expect(await sees("town1", id)).toEqual(NOTHING);
    expect(await accusationTotal("town1")).toBe(before);
    expect(await sees("office", id)).toEqual(EVERYTHING);
    expect(await sees("leader", id)).toEqual(EVERYTHING);
  });

  it("stays hidden from the accused unit and its township after the bureau lifts confidentiality", async () => {
    const id = await accusation();
    const set = await as(t.app, s.get("office")!).put(`/api/cases/${id}/accused-unit`, {
      accusedUnitId: unit.get("c.t1.v1"),
      reason: "被反映人为甲村村委会主任",
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().case.accusedUnitId).toBe(unit.get("c.t1.v1"));
    const lifted = await as(t.app, s.get("office")!).put(`/api/cases/${id}/confidentiality`, {
      isConfidential: false,
      reason: "经研究可由属地协助核实",
    });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(await sees("village1", id)).toEqual(NOTHING);
    expect(await sees("town1", id)).toEqual(NOTHING);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE object_id = $1 AND action LIKE 'case_%' ORDER BY id",
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["case_accused_unit_set", "case_confidentiality"]),
    );
  });

  it("once lifted with no unit accused, the township reads it but never the accuser's name", async () => {
    const id = await accusation();
    await as(t.app, s.get("office")!).put(`/api/cases/${id}/confidentiality`, {
      isConfidential: false,
      reason: "不涉及属地干部",
    });
    const res = await as(t.app, s.get("town1")!).get(`/api/cases/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().firstPetitionerName).toBe("（保密）");
    expect(res.json().petitioners[0]).toMatchObject({ name: "（保密）", idNumber: null, phone: null });
  });

  it("from a citizen's form asks whom it concerns, which only the bureau and the county leadership read", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/public/petitions",
      payload: {
        title: `检举村干部${WORD}`,
        content: `甲村有干部${WORD}，请组织调查。`,
        problemRegionCode: "990001001001",
        nature: "accusation",
        legalClass: "accusation",
        accusedDescription: "甲村村委会主任",
        petitioner: { name: "匿名群众", idNumber: freshIdNumber(), phone: "13700137000" },
        consentPrivacy: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.query<{ id: string; is_confidential: boolean; accused_description: string }>(
      "SELECT id, is_confidential, accused_description FROM cases WHERE case_number = $1",
      [res.json().caseNumber],
    );
    expect(row.rows[0]).toMatchObject({ is_confidential: true, accused_description: "甲村村委会主任" });
    const id = row.rows[0]!.id;
    expect((await as(t.app, s.get("office")!).get(`/api/cases/${id}`)).json().accusedDescription).toBe(
      "甲村村委会主任",
    );
    expect(await sees("town1", id)).toEqual(NOTHING);
    // The bureau's bookkeeping on the accusation stays out of the citizen's timeline.
    const office = as(t.app, s.get("office")!);
    expect(
      (
        await office.put(`/api/cases/${id}/accused-unit`, {
          accusedUnitId: unit.get("c.t1.v1"),
          reason: "核实",
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await office.put(`/api/cases/${id}/confidentiality`, { isConfidential: false, reason: "研究决定" }))
        .statusCode,
    ).toBe(200);
    const status = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber: res.json().caseNumber, queryCode: res.json().queryCode },
    });
    expect(status.statusCode).toBe(200);
    const actions = (status.json().events as { action: string }[]).map((e) => e.action);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions).not.toContain("accused_unit_set");
    expect(actions).not.toContain("confidentiality_lifted");
  });

  it("does not betray itself through a later petition's 'first petition' flag below the bureau", async () => {
    const idNumber = freshIdNumber();
    const petitioner = {
      name: "王五",
      idNumber,
      phone: "13900139000",
      address: "甲村二号",
      isRepresentative: false,
    };
    await accusation({ petitioners: [petitioner] });
    // The same person follows the matter up in an ordinary petition (same matter, so a repeat).
    const followUp = {
      problemRegionCode: "990001001001",
      petitioners: [petitioner],
      title: `再次反映甲村干部${WORD}`,
      content: `甲村村委会主任${WORD}五万元，上次反映后没有下文，请求查处。`,
    };
    const later = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(followUp));
    expect(later.statusCode).toBe(201);
    const id = later.json().id as string;
    // The bureau knows the person petitioned before; the township, which may not know of the
    // accusation, is told this is a first petition, in the detail, the list and the search.
    expect((await as(t.app, s.get("office")!).get(`/api/cases/${id}`)).json().isFirstPetition).toBe(false);
    const town = as(t.app, s.get("town1")!);
    expect((await town.get(`/api/cases/${id}`)).json().isFirstPetition).toBe(true);
    const listed = (await town.get("/api/cases?pageSize=200"))
      .json()
      .items.find((c: { id: string }) => c.id === id);
    expect(listed.isFirstPetition).toBe(true);
    // A second ordinary petition of the same person is a repeat for everyone.
    const third = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(followUp));
    expect((await town.get(`/api/cases/${third.json().id}`)).json().isFirstPetition).toBe(false);
  });

  it("only the bureau records the accused unit or decides confidentiality", async () => {
    const id = await accusation();
    const bad = [
      await as(t.app, s.get("town1")!).put(`/api/cases/${id}/accused-unit`, {
        accusedUnitId: null,
        reason: "x",
      }),
      await as(t.app, s.get("rsj")!).put(`/api/cases/${id}/confidentiality`, {
        isConfidential: false,
        reason: "x",
      }),
    ];
    for (const res of bad) expect(res.statusCode).toBe(403);
    const request = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
    const notAccusation = await as(t.app, s.get("office")!).put(
      `/api/cases/${request.json().id}/accused-unit`,
      {
        accusedUnitId: unit.get("c.rsj"),
        reason: "x",
      },
    );
    expect(notAccusation.statusCode).toBe(422);
    expect(notAccusation.json().error.code).toBe("NOT_AN_ACCUSATION");
  });
});

describe("an accusation is never assigned to the accused side", () => {
  async function signedOff(accused: string): Promise<string> {
    const id = await accusation({ accusedUnitId: unit.get(accused) });
    expect((await post("reg", id, "accept")).statusCode).toBe(200);
    expect((await post("office", id, "draft-opinion", { opinion: "建议交办" })).statusCode).toBe(200);
    expect((await post("bleader", id, "sign")).statusCode).toBe(200);
    expect((await post("leader", id, "sign")).statusCode).toBe(200);
    return id;
  }

  it("refuses the accused unit and its township, and the department it goes to reads it without the accuser", async () => {
    const id = await signedOff("c.t1.v1");
    for (const lead of ["c.t1.v1", "c.t1"]) {
      const res = await post("office", id, "assign", {
        leadUnitId: unit.get(lead),
        instructions: "核实",
        dueDays: 10,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("ASSIGNMENT_UNIT_ACCUSED");
    }
    const assist = await post("office", id, "assign", {
      leadUnitId: unit.get("c.rsj"),
      assistUnitIds: [unit.get("c.t1")],
      instructions: "核实",
      dueDays: 10,
    });
    expect(assist.json().error.code).toBe("ASSIGNMENT_UNIT_ACCUSED");
    const ok = await post("office", id, "assign", {
      leadUnitId: unit.get("c.rsj"),
      instructions: "核实",
      dueDays: 10,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const read = await as(t.app, s.get("rsj")!).get(`/api/cases/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().petitioners[0].name).toBe("（保密）");
    // The unit handling it now cannot then be recorded as the accused.
    const clash = await as(t.app, s.get("office")!).put(`/api/cases/${id}/accused-unit`, {
      accusedUnitId: unit.get("c.rsj"),
      reason: "补充线索",
    });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().error.code).toBe("ASSIGNMENT_UNIT_ACCUSED");
  });
});

describe("an accusation against the bureau's own chain", () => {
  it("leaves out the accused signer, and without any signer left says where it goes", async () => {
    const id = await accusation({ accusedUnitId: unit.get("c.gov") });
    expect(await sees("leader", id)).toEqual(NOTHING);
    expect((await post("reg", id, "accept")).statusCode).toBe(200);
    const drafted = await post("office", id, "draft-opinion", { opinion: "建议交办" });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect((await post("bleader", id, "sign")).json().status).toBe("signed_off");

    const sys = s.get("sysadmin")!;
    const chain = { ...DEFAULT_APPROVAL_CHAIN, general: ["leader_in_charge"] };
    expect((await as(t.app, sys).put("/api/settings/approval-chain", chain)).statusCode).toBe(200);
    try {
      const other = await accusation({ accusedUnitId: unit.get("c.gov") });
      expect((await post("reg", other, "accept")).statusCode).toBe(200);
      const none = await post("office", other, "draft-opinion", { opinion: "建议交办" });
      expect(none.statusCode).toBe(422);
      expect(none.json().error.code).toBe("ACCUSATION_NO_SIGNER");
      expect(none.json().error.details.forwardTo).toBe("县纪委监委");
      const fwd = await post("office", other, "forward", { forwardedTo: "县纪委监委" });
      expect(fwd.json().status).toBe("forwarded");
    } finally {
      await as(t.app, sys).put("/api/settings/approval-chain", DEFAULT_APPROVAL_CHAIN);
    }
  });

  it("against the bureau itself is forwarded under the rule pack at registration, and the county leadership still sees it", async () => {
    const res = await as(t.app, s.get("reg")!).post(
      "/api/cases",
      caseInput({
        title: "检举信访局工作人员",
        content: "信访局某工作人员收受好处费。",
        nature: "accusation",
        legalClass: "accusation",
        accusedUnitId: unit.get("c.xfj"),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "forwarded", forwardedTo: "县纪委监委" });
    const id = res.json().id as string;
    const row = await t.db.query<{ status: string; forwarded_to: string; accused_unit_id: string }>(
      "SELECT status, forwarded_to, accused_unit_id FROM cases WHERE id = $1",
      [id],
    );
    expect(row.rows[0]).toEqual({
      status: "forwarded",
      forwarded_to: "县纪委监委",
      accused_unit_id: unit.get("c.xfj"),
    });
    expect((await as(t.app, s.get("office")!).get(`/api/cases/${id}`)).statusCode).toBe(404);
    const leader = await as(t.app, s.get("leader")!).get(`/api/cases/${id}`);
    expect(leader.statusCode).toBe(200);
    expect(leader.json().status).toBe("forwarded");
  });
});
