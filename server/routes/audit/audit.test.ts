import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let auditor: Session;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  auditor = await login(t.app, "auditadmin");
  // 120 rows, so the ids run from one or two digits to three: as text, "99" would sort above "120".
  await t.db.query(
    `INSERT INTO audit_log (action, detail)
     SELECT 'test_row', jsonb_build_object('n', g) FROM generate_series(1, 120) g`,
  );
});
afterAll(() => t.close());

interface Page {
  total: number;
  items: { id: string }[];
}

async function page(query: string): Promise<Page> {
  const res = await as(t.app, auditor).get(`/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

/** The ids as the database orders them: numbers, newest first. */
async function idsNewestFirst(where = "true"): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    `SELECT id::text AS id FROM audit_log WHERE ${where} ORDER BY audit_log.id DESC`,
  );
  return rows.map((r) => r.id);
}

describe("the audit log viewer", () => {
  it("shows the newest rows first, ordered by number, not as text", async () => {
    const expected = (await idsNewestFirst()).slice(0, 50);
    const first = await page("");
    expect(first.items.map((i) => i.id)).toEqual(expected);
  });

  it("pages through the rows by number without gaps or repeats", async () => {
    const expected = await idsNewestFirst("action = 'test_row'");
    expect(expected).toHaveLength(120);
    const pages: Page[] = [];
    for (const n of [1, 2, 3]) pages.push(await page(`action=test_row&pageSize=50&page=${n}`));
    expect(pages.map((p) => p.total)).toEqual([120, 120, 120]);
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 20]);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(expected);
    expect((await page("action=test_row&pageSize=50&page=4")).items).toEqual([]);
  });
});

describe("the audit log's filters", () => {
  let reg: Session;
  let caseA: { id: string; caseNumber: string };
  let caseB: { id: string; caseNumber: string };
  let regId: string;

  beforeAll(async () => {
    reg = await login(t.app, "reg");
    await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "reg", password: "x" },
    });
    await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nobody", password: "x" },
    });
    caseA = (await as(t.app, reg).post("/api/cases", caseInput())).json();
    caseB = (await as(t.app, reg).post("/api/cases", caseInput())).json();
    expect((await as(t.app, reg).get(`/api/cases/${caseA.id}/petitioners/0/identity`)).statusCode).toBe(200);
    regId = (await t.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'reg'")).rows[0]!.id;
    // Around midnight in Shanghai: 23:59:59 on 28 February and 00:00:00 on 1 March.
    await t.db.query(
      `INSERT INTO audit_log (at, action, detail) VALUES
         ('2026-02-28T15:59:59Z', 'test_day', '{"n": 1}'),
         ('2026-02-28T16:00:00Z', 'test_day', '{"n": 2}'),
         ('2026-03-01T15:59:59Z', 'test_day', '{"n": 3}'),
         ('2026-03-01T16:00:00Z', 'test_day', '{"n": 4}')`,
    );
  });

  interface Entry {
    action: string;
    actorUsername: string | null;
    actorName: string | null;
    actorRole: string | null;
    objectId: string | null;
    objectLabel: string | null;
    detail: Record<string, unknown>;
    outcome: string | null;
  }
  const list = async (query: string) => {
    const res = await as(t.app, auditor).get(`/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ total: number; items: Entry[] }>();
  };

  it("filters by action and names the actor by user name, name and role", async () => {
    const { total, items } = await list("action=case_register&actor=reg");
    expect(total).toBe(2);
    expect(items[0]).toMatchObject({
      action: "case_register",
      actorUsername: "reg",
      actorName: "登记员",
      actorRole: "registrar",
      outcome: null,
    });
  });

  it("names the account or unit a row is about", async () => {
    const unit = (await t.db.query<{ id: string; name: string }>("SELECT id, name FROM org_units LIMIT 1"))
      .rows[0]!;
    await t.db.query(
      "INSERT INTO audit_log (action, object_type, object_id) VALUES ('test_object', 'org_unit', $1), ('test_object', 'user', $2)",
      [unit.id, regId],
    );
    const { items } = await list("action=test_object");
    expect(items.map((i) => i.objectLabel)).toEqual(["reg", unit.name]);
    const login = await list("action=login&actor=reg");
    expect(login.items[0]?.objectLabel).toBe("reg");
  });

  it("filters by who acted, by user name in any case or by id", async () => {
    const byName = await list("actor=REG&pageSize=500");
    expect(byName.items.every((i) => i.actorUsername === "reg")).toBe(true);
    expect(byName.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(["login", "login_failed", "case_register", "sensitive_view"]),
    );
    const byId = await list(`actorId=${regId}&pageSize=500`);
    expect(byId.total).toBe(byName.total);
    expect((await list("actor=office")).total).toBe(0);
  });

  it("finds a case's rows by its number: its own, its petitioners' — and no other case's", async () => {
    const { items } = await list(`caseNumber=${encodeURIComponent(caseA.caseNumber)}`);
    expect(items.map((i) => i.action).sort()).toEqual(["case_register", "sensitive_view"]);
    expect(items.find((i) => i.action === "sensitive_view")?.objectId).toBe(`${caseA.id}/0`);
    expect((await list(`caseNumber=${encodeURIComponent(caseB.caseNumber)}`)).total).toBe(1);
    expect((await list("caseNumber=XF-NO-SUCH")).total).toBe(0);
    const byObject = await list(`objectId=${caseA.id}`);
    expect(byObject.items.map((i) => i.action)).toEqual(["case_register"]);
    expect(
      (await list(`objectType=case_petitioner&caseNumber=${encodeURIComponent(caseA.caseNumber)}`)).total,
    ).toBe(1);
  });

  it("filters by Shanghai calendar days, both ends included", async () => {
    const day = async (q: string) => (await list(`action=test_day&${q}`)).items.map((i) => i.detail.n).sort();
    expect(await day("from=2026-03-01&to=2026-03-01")).toEqual([2, 3]);
    expect(await day("from=2026-03-01")).toEqual([2, 3, 4]);
    expect(await day("to=2026-02-28")).toEqual([1]);
  });

  it("filters by outcome: the sign-ins that worked or were refused", async () => {
    const failed = await list("outcome=failure&pageSize=500");
    expect(failed.items.map((i) => i.action).sort()).toEqual(["login_failed", "login_failed"]);
    expect(failed.items.every((i) => i.outcome === "failure")).toBe(true);
    expect(failed.items.map((i) => i.actorUsername ?? "").sort()).toEqual(["", "reg"]);
    const worked = await list("outcome=success&pageSize=500");
    expect(worked.items.length).toBeGreaterThan(0);
    expect(worked.items.every((i) => i.action === "login" && i.outcome === "success")).toBe(true);
    expect((await list("outcome=failure&actor=reg")).total).toBe(1);
  });

  it("refuses a malformed filter, and a refused read leaves no row", async () => {
    const reads = async () =>
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit_read'",
        )
      ).rows[0]!.n;
    const before = await reads();
    for (const q of [
      "from=2026-13-01",
      "from=2026-03-02&to=2026-03-01",
      "action=case%20register",
      "outcome=maybe",
      "actorId=reg",
      "actor=a%20b",
      "objectType=Case!",
      "pageSize=501",
    ]) {
      const res = await as(t.app, auditor).get(`/api/audit?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe("VALIDATION_FAILED");
    }
    for (const username of ["sysadmin", "secadmin", "office"]) {
      const s = await login(t.app, username);
      expect((await as(t.app, s).get("/api/audit?action=login")).statusCode, username).toBe(403);
    }
    expect(await reads()).toBe(before);
  });

  it("records each reading with the filter that was asked for", async () => {
    await list("action=login&outcome=success&from=2026-03-01&page=2&pageSize=10");
    const { rows } = await t.db.query<{ detail: Record<string, unknown>; actor_role: string }>(
      "SELECT detail, actor_role FROM audit_log WHERE action = 'audit_read' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({
      actor_role: "audit_admin",
      detail: { filter: { action: "login", outcome: "success", from: "2026-03-01", page: 2, pageSize: 10 } },
    });
  });
});
