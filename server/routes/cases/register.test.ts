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

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
});
afterAll(() => t.close());

describe("registering a case", () => {
  it("stores a visit with its petitioners, a case number, a query code and a first event", async () => {
    const res = await as(t.app, reg).post("/api/cases", caseInput({ channel: "visit" }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.caseNumber).toMatch(/^990001-2026-\d{7}$/);
    expect(body.queryCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(body.status).toBe("registered");
    expect(body.isFirstPetition).toBe(true);
    expect(body.regionName).toBe("甲村");
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({
      seq: 1,
      action: "register",
      toStatus: "registered",
      actor: "登记员",
    });
    expect(body.petitioners[0].idNumber).toMatch(/^9900\*{10}[0-9X]{4}$/);
    expect(body.petitioners[0].phone).toBe("138****8000");
  });

  it("registers every channel, and an online item waits for screening", async () => {
    for (const channel of ["letter", "visit", "phone", "online"] as const) {
      const res = await as(t.app, reg).post("/api/cases", caseInput({ channel }));
      expect(res.statusCode, channel).toBe(201);
      expect(res.json().status).toBe(channel === "online" ? "pending_screening" : "registered");
    }
    const referral = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ channel: "referral", referralSource: "市信访局", referralNumber: "市交〔2026〕3号" }),
    );
    expect(referral.statusCode).toBe(201);
    expect(referral.json().referralSource).toBe("市信访局");
  });

  it("marks a second petition of the same person as not a first petition", async () => {
    const idNumber = freshIdNumber();
    const first = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ petitioners: [{ name: "李四", idNumber, isRepresentative: false }] }),
    );
    const second = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ petitioners: [{ name: "李四", idNumber, isRepresentative: false }] }),
    );
    expect(first.json().isFirstPetition).toBe(true);
    expect(second.json().isFirstPetition).toBe(false);
  });

  it("keeps a petition of the same person about another matter a first petition; a follow-up on the same matter is a repeat", async () => {
    const idNumber = freshIdNumber();
    const person = [{ name: "赵六", idNumber, phone: "13900139001", isRepresentative: false }];
    const wages = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        petitioners: person,
        title: "反映宏达建筑公司拖欠工资",
        content:
          "宏达建筑公司在甲村安置房工地拖欠我和同村九名工人工资共计十二万元，多次讨要未果，请求协调解决。",
      }),
    );
    const road = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        petitioners: person,
        categoryId: undefined,
        title: "村口道路塌陷无人维修",
        content: "甲村村口到乡道的水泥路去年汛期塌陷了一段，车辆无法通行，孩子上学要绕远路，请求尽快修复。",
      }),
    );
    const followUp = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        petitioners: person,
        title: "再次反映宏达公司拖欠工资",
        content:
          "宏达公司在甲村安置房工地拖欠我们十名工人的工资，现在涨到十三万元，上次反映后仍未支付，请求协调解决。",
      }),
    );
    expect([wages.statusCode, road.statusCode, followUp.statusCode]).toEqual([201, 201, 201]);
    expect(wages.json().isFirstPetition).toBe(true);
    expect(road.json().isFirstPetition).toBe(true);
    expect(followUp.json().isFirstPetition).toBe(false);
  });

  it("does not make another person's petition a repeat because a phone number is shared", async () => {
    const phone = "13700137002";
    const a = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        petitioners: [{ name: "钱七", idNumber: freshIdNumber(), phone, isRepresentative: false }],
      }),
    );
    const b = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        petitioners: [{ name: "孙八", idNumber: freshIdNumber(), phone, isRepresentative: false }],
      }),
    );
    expect(a.json().isFirstPetition).toBe(true);
    expect(b.json().isFirstPetition).toBe(true);
  });

  it("flags a group at or above the collective threshold as collective and keeps headcount and batches", async () => {
    const res = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        headcount: 12,
        batchCount: 2,
        destinationLevel: "provincial",
        petitioners: [
          { name: "代表甲", idNumber: freshIdNumber(), isRepresentative: true },
          { name: "代表乙", idNumber: freshIdNumber(), isRepresentative: true },
          { name: "群众丙", isRepresentative: false },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      isCollective: true,
      headcount: 12,
      batchCount: 2,
      destinationLevel: "provincial",
    });
    const small = await as(t.app, reg).post("/api/cases", caseInput({ headcount: 4 }));
    expect(small.json().isCollective).toBe(false);
  });

  it("refuses an ID number with a wrong check digit, in Chinese and English, and writes nothing", async () => {
    const good = freshIdNumber();
    const last = good.at(-1)!;
    const bad = good.slice(0, 17) + (last === "1" ? "2" : "1");
    const before = await snapshotCounts(t.db);
    const res = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ petitioners: [{ name: "王五", idNumber: bad, isRepresentative: false }] }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: "ID_NUMBER_INVALID", details: { reason: "check_digit" } });
    expect(res.json().error.message).toContain("身份证");
    expect(res.json().error.messageEn).toContain("ID-card");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("refuses a region outside the jurisdiction, too many representatives and an unknown category", async () => {
    const before = await snapshotCounts(t.db);
    const region = await as(t.app, reg).post("/api/cases", caseInput({ problemRegionCode: "110101" }));
    expect(region.json().error.code).toBe("REGION_UNKNOWN");
    const reps = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        petitioners: Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}`, isRepresentative: true })),
      }),
    );
    expect(reps.json().error.code).toBe("REPRESENTATIVES_TOO_MANY");
    const cat = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ categoryId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(cat.json().error.code).toBe("CATEGORY_UNKNOWN");
    const referral = await as(t.app, reg).post("/api/cases", caseInput({ channel: "referral" }));
    expect(referral.json().error.code).toBe("REFERRAL_SOURCE_REQUIRED");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("stores ID and phone numbers only encrypted, with a blind index and a masked copy", async () => {
    const idNumber = freshIdNumber();
    const res = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ petitioners: [{ name: "赵六", idNumber, phone: "13912345678", isRepresentative: false }] }),
    );
    const { rows } = await t.db.query<Record<string, string>>(
      "SELECT * FROM case_petitioners WHERE case_id = $1",
      [res.json().id],
    );
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain("13912345678");
    expect(rows[0]!.id_number_enc).toMatch(/^v1\./);
    expect(rows[0]!.id_number_bidx).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the full numbers only on the audited identity endpoint", async () => {
    const idNumber = freshIdNumber();
    const created = await as(t.app, reg).post(
      "/api/cases",
      caseInput({ petitioners: [{ name: "钱七", idNumber, phone: "13712345678", isRepresentative: false }] }),
    );
    const id = created.json().id;
    const auditBefore = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'sensitive_view' AND object_id = $1",
      [`${id}/0`],
    );
    const res = await as(t.app, reg).get(`/api/cases/${id}/petitioners/0/identity`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber, phone: "13712345678" });
    const auditAfter = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'sensitive_view' AND object_id = $1",
      [`${id}/0`],
    );
    expect(auditAfter.rows.length).toBe(auditBefore.rows.length + 1);
    const analyst = await login(t.app, "analyst");
    expect((await as(t.app, analyst).get(`/api/cases/${id}/petitioners/0/identity`)).statusCode).toBe(403);
  });

  it("lets only registering roles register", async () => {
    for (const username of ["analyst", "rsj", "sysadmin"]) {
      const s = await login(t.app, username);
      const before = await snapshotCounts(t.db);
      const res = await as(t.app, s).post("/api/cases", caseInput());
      expect(res.statusCode, username).toBe(403);
      expect(await snapshotCounts(t.db)).toEqual(before);
    }
  });
});

describe("the answer to a registration", () => {
  it("is exactly what reading the case back shows", async () => {
    const res = await as(t.app, reg).post(
      "/api/cases",
      caseInput({
        channel: "referral",
        referralSource: "市信访局",
        headcount: 6,
        petitioners: [
          { name: "甲", idNumber: freshIdNumber(), phone: "13700001111", isRepresentative: true },
          { name: "乙", address: "甲村二号", householdRegionCode: "990001001", isRepresentative: false },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    const { queryCode, ...registered } = res.json();
    expect(queryCode).toBeTruthy();
    const read = await as(t.app, reg).get(`/api/cases/${registered.id}`);
    expect(read.json()).toEqual(registered);
  });
});
