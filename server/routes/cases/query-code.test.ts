import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, TEST_USERS } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  snapshotCounts,
  startTestApp,
  type TestContext,
} from "../../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();

async function register(overrides: Record<string, unknown> = {}) {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; caseNumber: string; queryCode: string };
}

const track = (caseNumber: string, queryCode: string) =>
  as(t.app, null).post("/api/public/status", { caseNumber, queryCode });

async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
});
afterAll(() => t.close());

describe("the query code on paper (登记回执, 受理告知书)", () => {
  it("prints a fresh code on the receipt of a letter: it works on the portal, the old one is refused, the stored copy hides it", async () => {
    const c = await register({ channel: "letter" });
    const res = await as(t.app, s.get("reg")!).post(`/api/cases/${c.id}/documents`, { kind: "receipt" });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json();
    expect(issued).toMatchObject({ kind: "receipt", title: "信访事项登记回执" });
    const code = issued.coded.queryCode as string;
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    expect(code).not.toBe(c.queryCode);

    // The coded copy handed over once prints it; the copy kept with the case does not.
    const coded = await docxText(Buffer.from(issued.coded.docxBase64, "base64"));
    expect(coded).toContain(`查询码：${code}`);
    expect(coded).toContain(c.caseNumber);
    const stored = await as(t.app, s.get("office")!).get(`/api/cases/${c.id}/documents/${issued.id}/docx`);
    const storedText = await docxText(stored.rawPayload);
    expect(storedText).toContain("查询码仅在出具时打印");
    expect(storedText).not.toContain(code);
    const raw = await t.db.query<{ docx: Buffer; pdf: Buffer | null }>(
      "SELECT docx, pdf FROM case_documents WHERE id = $1",
      [issued.id],
    );
    expect(raw.rows[0]!.docx.includes(Buffer.from(code))).toBe(false);

    expect((await track(c.caseNumber, code)).statusCode).toBe(200);
    const old = await track(c.caseNumber, c.queryCode);
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe("QUERY_CODE_INVALID");

    // Recorded without the code itself.
    const events = await t.db.query<{ detail: unknown; note: string | null }>(
      "SELECT detail, note FROM case_events WHERE case_id = $1 AND action = 'query_code_issued'",
      [c.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(JSON.stringify(events.rows)).not.toContain(code);
    const audit = await t.db.query<{ detail: unknown }>(
      "SELECT detail FROM audit_log WHERE object_id = $1 AND action = 'case_query_code_issue'",
      [c.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows)).not.toContain(code);
    // The citizen's own timeline does not show the bookkeeping step.
    const status = (await track(c.caseNumber, code)).json();
    expect(status.events.map((e: { action: string }) => e.action)).not.toContain("query_code_issued");
  });

  it("prints the code on the 受理告知书 too, and has no receipt for an online petition", async () => {
    const c = await register();
    expect((await as(t.app, s.get("reg")!).post(`/api/cases/${c.id}/accept`, {})).statusCode).toBe(200);
    const res = await as(t.app, s.get("reg")!).post(`/api/cases/${c.id}/documents`, { kind: "acceptance" });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().coded.queryCode as string;
    expect(await docxText(Buffer.from(res.json().coded.docxBase64, "base64"))).toContain(`查询码（${code}）`);
    expect((await track(c.caseNumber, code)).statusCode).toBe(200);
    expect((await track(c.caseNumber, c.queryCode)).statusCode).toBe(404);

    const online = await register({ channel: "online" });
    const before = await snapshotCounts(t.db);
    const refused = await as(t.app, s.get("reg")!).post(`/api/cases/${online.id}/documents`, {
      kind: "receipt",
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("DOCUMENT_NOT_AVAILABLE");
    expect(await snapshotCounts(t.db)).toEqual(before);
    expect((await track(online.caseNumber, online.queryCode)).statusCode).toBe(200);
  });

  it("lets the registrar or office reissue a code after checking identity; the old one stops at once", async () => {
    const c = await register();
    const res = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/query-code`, {
      identityCheck: "id_card",
      note: "信访人持身份证原件到窗口，核对一致",
    });
    expect(res.statusCode, res.body).toBe(200);
    const code = res.json().queryCode as string;
    expect(res.json().caseNumber).toBe(c.caseNumber);
    expect((await track(c.caseNumber, code)).statusCode).toBe(200);
    expect((await track(c.caseNumber, c.queryCode)).statusCode).toBe(404);
    const event = await t.db.query<{ detail: { identityCheck: string; why: string }; actor_label: string }>(
      "SELECT detail, actor_label FROM case_events WHERE case_id = $1 AND action = 'query_code_issued'",
      [c.id],
    );
    expect(event.rows[0]).toMatchObject({
      detail: { identityCheck: "id_card", why: "reissue" },
      actor_label: "办公室",
    });
    expect(JSON.stringify(event.rows)).not.toContain(code);
  });

  it("refuses other roles, other units and bad input, changing nothing", async () => {
    const c = await register();
    const body = { identityCheck: "id_card", note: "核对身份证" };
    // The case page offers the reissue to the registrar and the office only.
    const abilitiesOf = async (user: string) =>
      (await as(t.app, s.get(user)!).get(`/api/cases/${c.id}`)).json().abilities as string[];
    expect(await abilitiesOf("office")).toContain("reissue_query_code");
    expect(await abilitiesOf("town1")).not.toContain("reissue_query_code");
    const before = await snapshotCounts(t.db);
    const hash = async () =>
      (await t.db.query<{ h: string }>("SELECT query_code_hash AS h FROM cases WHERE id = $1", [c.id]))
        .rows[0]!.h;
    const h0 = await hash();
    // The township of the place reads the case but may not hand out codes; another township cannot see it.
    expect((await as(t.app, s.get("town1")!).post(`/api/cases/${c.id}/query-code`, body)).statusCode).toBe(
      403,
    );
    expect((await as(t.app, s.get("town2")!).post(`/api/cases/${c.id}/query-code`, body)).statusCode).toBe(
      404,
    );
    expect((await as(t.app, s.get("rsj")!).post(`/api/cases/${c.id}/query-code`, body)).statusCode).toBe(404);
    expect((await as(t.app, s.get("leader")!).post(`/api/cases/${c.id}/query-code`, body)).statusCode).toBe(
      403,
    );
    const bad = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/query-code`, {
      identityCheck: "looked_ok",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(bad.json().error.messageEn).toMatch(/[a-z]/);
    const noNote = await as(t.app, s.get("office")!).post(`/api/cases/${c.id}/query-code`, {
      identityCheck: "id_card",
      note: " ",
    });
    expect(noNote.statusCode).toBe(400);
    expect(await snapshotCounts(t.db)).toEqual(before);
    expect(await hash()).toBe(h0);
    expect((await track(c.caseNumber, c.queryCode)).statusCode).toBe(200);
  });

  it("limits how often codes are reissued", async () => {
    const c = await register();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await as(t.app, s.get("reg")!).post(`/api/cases/${c.id}/query-code`, {
        identityCheck: "household_register",
        note: "核对户口簿",
      });
      codes.push(r.statusCode);
    }
    expect(codes.filter((x) => x === 200).length).toBeLessThanOrEqual(20);
    expect(codes.at(-1)).toBe(429);
  });
});
