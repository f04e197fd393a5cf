import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, simplifiedPath, TEST_USERS, takeSteps } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";
import { answeringBody, defaultPrefix, fullName, nextDocumentNumber, superiorOf } from "./answering-body.ts";

let t: TestContext;
const s = new Map<string, Session>();
const unit = new Map<string, string>();

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
}

/** A case taken through the simplified path to a reply by the 人社局. */
async function repliedByRsj(): Promise<{ id: string; caseNumber: string }> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
  expect(res.statusCode, res.body).toBe(201);
  const c = res.json();
  await takeSteps(post, c.id, simplifiedPath(unit.get("c.rsj")!, "rsj", true));
  return c;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  for (const r of (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows)
    unit.set(r.path, r.id);
});
afterAll(() => t.close());

describe("who answers (条例第三十二条) and who reviews (第三十五条)", () => {
  it("gives every department, township and the bureau the county government as reviewing superior, whatever units exist", async () => {
    const { rows } = await t.db.query<{ path: string; reviewer: string | null }>(
      `SELECT u.path, r.path AS reviewer FROM org_units u LEFT JOIN org_units r ON r.id = u.reviewing_unit_id
        ORDER BY u.path`,
    );
    const of = Object.fromEntries(rows.map((r) => [r.path, r.reviewer]));
    expect(of).toMatchObject({ "c.rsj": "c", "c.t1": "c", "c.xfj": "c", c: null, "c.t1.v1": null });
    // A department added later gets the same default.
    await t.db.query(
      `INSERT INTO org_units (parent_id, kind, path, name, region_code)
       VALUES ((SELECT id FROM org_units WHERE path = 'c'), 'department', 'c.jyj', '县教育局', '990001')`,
    );
    const added = await t.db.query<{ reviewer: string }>(
      "SELECT r.path AS reviewer FROM org_units u JOIN org_units r ON r.id = u.reviewing_unit_id WHERE u.path = 'c.jyj'",
    );
    expect(added.rows[0]!.reviewer).toBe("c");
  });

  it("sends review to the county government for a township, a county department and the bureau itself, and 复核 outside", async () => {
    for (const [path, name] of [
      ["c.t1", "测试县甲镇"],
      ["c.rsj", "测试县人社局"],
      ["c.xfj", "测试县信访局"],
    ] as const) {
      const body = await answeringBody(t.db, { lead_unit_id: unit.get(path)!, region_path: "c" });
      expect(body).toMatchObject({ unitId: unit.get(path), name });
      const reviewer = await superiorOf(t.db, body, "上一级人民政府");
      expect(reviewer).toMatchObject({ unitId: unit.get("c"), name: "测试县人民政府" });
      // The county government's superior is not in the county's network: the request is referred.
      expect(await superiorOf(t.db, reviewer, "市人民政府")).toEqual({
        unitId: null,
        kind: null,
        name: "市人民政府",
        prefix: null,
      });
    }
    // Nothing assigned: the bureau handled it, and answers in its own name.
    expect(await answeringBody(t.db, { lead_unit_id: null, region_path: "c.t1.v1" })).toMatchObject({
      unitId: unit.get("c.xfj"),
      name: "测试县信访局",
    });
  });

  it("derives full names and number prefixes from the unit's name, and keeps a unit's own prefix", () => {
    expect(fullName("department", "县人力资源和社会保障局", "示范县")).toBe("示范县人力资源和社会保障局");
    expect(fullName("county", "示范县", "示范县")).toBe("示范县人民政府");
    expect(defaultPrefix("department", "县人力资源和社会保障局", "示范县")).toBe("示人社信复");
    expect(defaultPrefix("township", "城关镇", "示范县")).toBe("示城关信复");
    expect(defaultPrefix("bureau", "示范县信访局", "示范县")).toBe("示信访信复");
  });

  it("issues the 处理意见书 in the lead unit's name and number, vetted by the bureau, naming the reviewer and the pack's 30 days", async () => {
    const c = await repliedByRsj();
    const res = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/documents`, { kind: "reply" });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json();
    expect(first).toMatchObject({
      issuer: "测试县人社局",
      docNumber: expect.stringMatching(/^测人社信复〔2026〕\d+号$/),
    });
    const word = await docxText(
      (await as(t.app, s.get("office")!).get(`/api/cases/${c.id}/documents/${first.id}/docx`)).rawPayload,
    );
    expect(word).toContain("测试县人社局");
    expect(word).toContain(first.docNumber);
    expect(word).not.toContain("测试县信访局已依法办理");
    expect(word).toContain("本意见已经测试县信访局审核。");
    expect(word).toContain(
      "自收到本意见书之日起30日内，即2026年4月1日（含当日）前，向测试县人民政府请求复查",
    );
    // A reprint of the same answer keeps its number; the next answer of the unit takes the next one.
    const again = (
      await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/documents`, { kind: "reply" })
    ).json();
    expect(again.docNumber).toBe(first.docNumber);
    const other = await repliedByRsj();
    const next = (
      await as(t.app, s.get("office")!).post(`/api/cases/${other.id}/documents`, { kind: "reply" })
    ).json();
    const n = (x: string) => Number(/〕(\d+)号/.exec(x)![1]);
    expect(n(next.docNumber)).toBe(n(first.docNumber) + 1);
  });

  it("numbers per unit and year without gaps, with two issues at once, a rolled-back issue and the next year", async () => {
    const rsj = await answeringBody(t.db, { lead_unit_id: unit.get("c.t2")!, region_path: "c" });
    const [a, b] = await Promise.all([
      t.db.transaction((tx) => nextDocumentNumber(tx, rsj, 2030)),
      t.db.transaction((tx) => nextDocumentNumber(tx, rsj, 2030)),
    ]);
    expect([a, b].sort()).toEqual(["测乙信复〔2030〕1号", "测乙信复〔2030〕2号"]);
    await expect(
      t.db.transaction(async (tx) => {
        await nextDocumentNumber(tx, rsj, 2030);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await t.db.transaction((tx) => nextDocumentNumber(tx, rsj, 2030))).toBe("测乙信复〔2030〕3号");
    expect(await t.db.transaction((tx) => nextDocumentNumber(tx, rsj, 2031))).toBe("测乙信复〔2031〕1号");
    // The unit's own prefix, once set, is the one used.
    await t.db.query("UPDATE org_units SET doc_prefix = '乙乡信复' WHERE path = 'c.t2'");
    const own = await answeringBody(t.db, { lead_unit_id: unit.get("c.t2")!, region_path: "c" });
    expect(await t.db.transaction((tx) => nextDocumentNumber(tx, own, 2030))).toBe("乙乡信复〔2030〕4号");
  });
});
