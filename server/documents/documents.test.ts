import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, makeNetwork, TEST_USERS } from "../test/factories.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "../test/harness.ts";

let t: TestContext;
const s = new Map<string, Session>();
let rsjUnit: string;

const post = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  as(t.app, s.get(user)!).post(`/api/cases/${id}/${action}`, body);

async function register(): Promise<{ id: string; caseNumber: string; queryCode: string }> {
  const res = await as(t.app, s.get("reg")!).post("/api/cases", caseInput());
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The text of a .docx: its main part, tags removed. */
async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml.replace(/<[^>]+>/g, "");
}

/** The text of a PDF as poppler's pdftotext reads it (the embedded CJK font must map back to text). */
function pdfText(data: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xf-pdf-")), "doc.pdf");
  fs.writeFileSync(file, data);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

async function issue(user: string, id: string, kind: string) {
  return as(t.app, s.get(user)!).post(`/api/cases/${id}/documents`, { kind });
}

async function download(user: string, id: string, docId: string, format: "docx" | "pdf") {
  const res = await as(t.app, s.get(user)!).get(`/api/cases/${id}/documents/${docId}/${format}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of TEST_USERS) s.set(u.username, await login(t.app, u.username));
  rsjUnit = (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = 'c.rsj'")).rows[0]!.id;
});
afterAll(() => t.close());

describe("notices kept with the case", () => {
  it("issues the acceptance notice as Word and PDF that carry the case number and the Chinese text", async () => {
    const c = await register();
    await post("reg", c.id, "accept");
    const list = (await as(t.app, s.get("office")!).get(`/api/cases/${c.id}/documents`)).json();
    // A visit has its registration receipt from registration on.
    expect(list.available.map((a: { kind: string }) => a.kind)).toEqual(["acceptance", "receipt"]);
    expect(list.issued).toEqual([]);

    const res = await issue("office", c.id, "acceptance");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "acceptance", title: "信访事项受理告知书", hasPdf: true });
    const docId = res.json().id as string;

    const word = await docxText(await download("office", c.id, docId, "docx"));
    expect(word).toContain(c.caseNumber);
    expect(word).toContain("张三：");
    expect(word).toContain("已于2026年3月2日依法受理");
    expect(word).toContain("信访局");
    const pdf = await download("office", c.id, docId, "pdf");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain(c.caseNumber);
    expect(text).toContain("信访事项受理告知书");
    expect(text).toContain("依法受理");

    const detail = (await as(t.app, s.get("office")!).get(`/api/cases/${c.id}`)).json();
    expect(detail.events.at(-1)).toMatchObject({ action: "document_issued", note: "信访事项受理告知书" });
  });

  it("prints the coded reason and the route on the decline notice", async () => {
    const c = await register();
    await post("reg", c.id, "decline", { reason: "in_litigation" });
    const res = await issue("reg", c.id, "decline");
    expect(res.statusCode, res.body).toBe(201);
    const text = pdfText(await download("reg", c.id, res.json().id, "pdf"));
    expect(text).toContain("已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决");
    expect(text).toContain("依照有关法律、行政法规规定的程序向有关机关提出");
  });

  it("refuses a document the case has not reached, and one the user may not issue, changing nothing", async () => {
    const c = await register();
    const before = await snapshotCounts(t.db);
    const early = await issue("office", c.id, "reply");
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("DOCUMENT_NOT_AVAILABLE");
    expect(early.json().error.message).toMatch(/文书/);
    expect((await issue("town1", c.id, "acceptance")).statusCode).toBe(403);
    // A township that cannot read the case cannot learn it exists.
    expect((await issue("town2", c.id, "acceptance")).statusCode).toBe(404);
    expect((await issue("office", c.id, "nonsense")).statusCode).toBe(400);
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("writes the 交办单 for the lead unit with the signers' instructions, and keeps it from the public", async () => {
    const c = await register();
    await post("reg", c.id, "accept");
    await post("office", c.id, "draft-opinion", { opinion: "建议交人社局调查处理" });
    await post("bleader", c.id, "sign", { instruction: "同意" });
    await post("leader", c.id, "sign", { instruction: "请人社局十日内查清" });
    await post("office", c.id, "assign", {
      leadUnitId: rsjUnit,
      instructions: "依法处理并答复",
      dueDays: 10,
    });
    const res = await issue("office", c.id, "assignment");
    expect(res.statusCode, res.body).toBe(201);
    const word = await docxText(await download("rsj", c.id, res.json().id, "docx"));
    expect(word).toContain("人社局：");
    expect(word).toContain("建议交人社局调查处理");
    expect(word).toContain("请人社局十日内查清");
    expect(word).toContain("2026年3月12日前办结");

    const status = await as(t.app, null).post("/api/public/status", {
      caseNumber: c.caseNumber,
      queryCode: c.queryCode,
    });
    expect(status.json().documents).toEqual([]);
    const leak = await as(t.app, null).post("/api/public/documents", {
      caseNumber: c.caseNumber,
      queryCode: c.queryCode,
      documentId: res.json().id,
      format: "docx",
    });
    expect(leak.statusCode).toBe(404);
  });

  it("writes the reply letter with the opinion, the legal basis and the last day to ask for review", async () => {
    const c = await register();
    await post("reg", c.id, "accept");
    await post("office", c.id, "simplify");
    await post("office", c.id, "assign", { leadUnitId: rsjUnit, instructions: "依法处理", dueDays: 10 });
    await post("rsj", c.id, "receive");
    await post("rsj", c.id, "report-result", { result: "已核实", proposedOpinion: "not_support" });
    await post("office", c.id, "vet-accept");
    const replied = await post("office", c.id, "reply", {
      opinion: "not_support",
      text: "经核查，所反映的工资已于2025年底结清，诉求缺乏事实依据。",
      legalBasis: "《保障农民工工资支付条例》第三条",
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const res = await issue("office", c.id, "reply");
    expect(res.statusCode, res.body).toBe(201);
    const text = pdfText(await download("office", c.id, res.json().id, "pdf"));
    expect(text).toContain("信访事项处理意见书");
    expect(text).toContain("处理意见：不支持");
    expect(text).toContain("《保障农民工工资支付条例》第三条");
    // Replied on 2026-03-02: the national pack gives 30 days to ask for review.
    expect(text).toContain("2026年4月1日");
    const word = await docxText(await download("office", c.id, res.json().id, "docx"));
    expect(word).toContain("经核查，所反映的工资已于2025年底结清");
  });

  it("lets the petitioner download the letters issued to them with the number and query code", async () => {
    const c = await register();
    await post("reg", c.id, "accept");
    const issued = (await issue("reg", c.id, "acceptance")).json();
    const docId = issued.id as string;
    // The notice printed a fresh code: that is the one the petitioner holds now.
    c.queryCode = issued.coded.queryCode;
    const status = (
      await as(t.app, null).post("/api/public/status", { caseNumber: c.caseNumber, queryCode: c.queryCode })
    ).json();
    expect(status.documents).toEqual([
      expect.objectContaining({ id: docId, kind: "acceptance", title: "信访事项受理告知书", hasPdf: true }),
    ]);
    const file = await as(t.app, null).post("/api/public/documents", {
      caseNumber: c.caseNumber,
      queryCode: c.queryCode,
      documentId: docId,
      format: "pdf",
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(pdfText(file.rawPayload)).toContain(c.caseNumber);
    const wrongCode = await as(t.app, null).post("/api/public/documents", {
      caseNumber: c.caseNumber,
      queryCode: "WRONG1234",
      documentId: docId,
      format: "pdf",
    });
    expect(wrongCode.statusCode).toBe(404);
  });
});

describe("templates the bureau edits", () => {
  it("refuses unknown placeholders and non-admins, uses an edited template, and resets to the default", async () => {
    const sys = as(t.app, s.get("sysadmin")!);
    const templates = (await as(t.app, s.get("office")!).get("/api/settings/templates")).json().items;
    const acceptance = templates.find((x: { kind: string }) => x.kind === "acceptance");
    expect(acceptance).toMatchObject({ custom: false, title: "信访事项受理告知书" });
    expect(acceptance.placeholders).toContain("handlingDue");

    const before = await snapshotCounts(t.db);
    const bad = await sys.put("/api/settings/templates/acceptance", {
      title: "受理告知书",
      body: "{{replyText}}",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.unknown).toEqual(["replyText"]);
    const office = await as(t.app, s.get("office")!).put("/api/settings/templates/acceptance", {
      title: "受理告知书",
      body: "{{petitionerName}}：\n已受理。",
    });
    expect(office.statusCode).toBe(403);
    expect(await snapshotCounts(t.db)).toEqual(before);

    const body =
      "{{petitionerName}}：\n你反映的事项（{{caseNumber}}）本局已于{{acceptedDate}}受理，办理期限至{{handlingDue}}。";
    const ok = await sys.put("/api/settings/templates/acceptance", { title: "本县受理告知书", body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ custom: true, title: "本县受理告知书" });

    const c = await register();
    await post("reg", c.id, "accept");
    const res = await issue("reg", c.id, "acceptance");
    expect(res.json().title).toBe("本县受理告知书");
    const word = await docxText(await download("reg", c.id, res.json().id, "docx"));
    expect(word).toContain(`你反映的事项（${c.caseNumber}）本局已于2026年3月2日受理`);

    const reset = await sys.delete("/api/settings/templates/acceptance");
    expect(reset.json()).toMatchObject({ custom: false, title: "信访事项受理告知书" });
  });
});
