import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../../test/factories.ts";
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
