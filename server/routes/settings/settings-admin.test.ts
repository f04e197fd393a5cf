import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let admin: Session;
const overrides = async () =>
  (
    await t.db.query(
      "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides ORDER BY date",
    )
  ).rows;
const warningSettings = async () =>
  (await t.db.query("SELECT key, value FROM settings WHERE key LIKE 'warning.%' ORDER BY key")).rows;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  admin = await login(t.app, "sysadmin");
});
afterAll(() => t.close());

describe("rule pack and holiday overrides", () => {
  it("shows the active pack's limits to the bureau and the administrator", async () => {
    const office = await login(t.app, "office");
    const res = await as(t.app, office).get("/api/settings/calendar");
    expect(res.statusCode).toBe(200);
    const handling = res.json().pack.limits.find((l: { step: string }) => l.step === "handling");
    expect(handling).toMatchObject({ amount: 60, unit: "calendar", starts: "acceptance" });
    expect(res.json().pack.id).toBe(t.app.deps.clocks.pack.id);
  });

  it("a holiday override makes the day a non-working day for the next due date at once, and is audited", async () => {
    // 2027-10-11 is a Monday the holiday package does not know.
    expect(t.app.deps.clocks.calendar.isWorkingDay("2027-10-11")).toBe(true);
    const res = await as(t.app, admin).put("/api/settings/calendar/overrides/2027-10-11", {
      kind: "holiday",
      name: "测试假日",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().overrides).toEqual([{ date: "2027-10-11", kind: "holiday", name: "测试假日" }]);
    expect(t.app.deps.clocks.calendar.isWorkingDay("2027-10-11")).toBe(false);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'settings_calendar_override' AND object_id = '2027-10-11'",
    );
    expect(audit.rows).toHaveLength(1);
    const removed = await as(t.app, admin).delete("/api/settings/calendar/overrides/2027-10-11");
    expect(removed.json().overrides).toEqual([]);
    expect(t.app.deps.clocks.calendar.isWorkingDay("2027-10-11")).toBe(true);
  });

  it("refuses a date that does not exist, an unknown kind, and every other role — nothing changes", async () => {
    await as(t.app, admin).put("/api/settings/calendar/overrides/2027-10-09", {
      kind: "workday",
      name: "调休",
    });
    const before = await overrides();
    expect(
      (await as(t.app, admin).put("/api/settings/calendar/overrides/2027-02-30", { kind: "holiday" }))
        .statusCode,
    ).toBe(400);
    expect(
      (await as(t.app, admin).put("/api/settings/calendar/overrides/2027-10-12", { kind: "party" }))
        .statusCode,
    ).toBe(400);
    const missing = await as(t.app, admin).delete("/api/settings/calendar/overrides/2027-10-13");
    expect(missing.statusCode).toBe(404);
    for (const who of ["office", "secadmin", "auditadmin"]) {
      const s = await login(t.app, who);
      const res = await as(t.app, s).put("/api/settings/calendar/overrides/2027-10-12", { kind: "holiday" });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.message).toBe("无权执行此操作");
      expect((await as(t.app, s).delete("/api/settings/calendar/overrides/2027-10-09")).statusCode, who).toBe(
        403,
      );
    }
    const rsj = await login(t.app, "rsj");
    expect((await as(t.app, rsj).get("/api/settings/calendar")).statusCode).toBe(403);
    expect(await overrides()).toEqual(before);
  });
});

describe("early-warning settings", () => {
  it("are read by the bureau and set by the system administrator, with an audit row", async () => {
    const office = await login(t.app, "office");
    const read = await as(t.app, office).get("/api/settings/warnings");
    expect(read.json()).toMatchObject({ repeatWindowDays: 30 });
    expect(read.json().safetyWords).toContain("轻生");
    const res = await as(t.app, admin).put("/api/settings/warnings", {
      repeatWindowDays: 45,
      safetyWords: ["轻生", "跳河"],
    });
    expect(res.statusCode).toBe(200);
    expect((await as(t.app, office).get("/api/settings/warnings")).json()).toEqual({
      repeatWindowDays: 45,
      safetyWords: ["轻生", "跳河"],
    });
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'settings_warnings'");
    expect(audit.rows).toHaveLength(1);
  });

  it("refuses a zero window, a duplicated word and other roles, keeping the settings", async () => {
    const before = await warningSettings();
    expect(
      (await as(t.app, admin).put("/api/settings/warnings", { repeatWindowDays: 0, safetyWords: [] }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await as(t.app, admin).put("/api/settings/warnings", {
          repeatWindowDays: 10,
          safetyWords: ["a", "a"],
        })
      ).statusCode,
    ).toBe(400);
    const office = await login(t.app, "office");
    const refused = await as(t.app, office).put("/api/settings/warnings", {
      repeatWindowDays: 10,
      safetyWords: [],
    });
    expect(refused.statusCode).toBe(403);
    expect(await warningSettings()).toEqual(before);
  });

  it("tells any signed-in user the attachment limits the upload enforces", async () => {
    const reg = await login(t.app, "reg");
    const res = await as(t.app, reg).get("/api/settings/attachments");
    expect(res.json().maxBytes).toBe(t.app.deps.config.attachmentMaxBytes);
    expect(res.json().types).toEqual(t.app.deps.config.attachmentTypes);
    expect((await as(t.app, null).get("/api/settings/attachments")).statusCode).toBe(401);
  });
});
