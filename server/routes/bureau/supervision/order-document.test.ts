import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BureauTest, startBureauTest } from "../../../bureau/test-support.ts";
import { findPdfFont } from "../../../documents/render.ts";
import { as } from "../../../test/harness.ts";

/**
 * A supervision order (督办) produces a 督办单: the unit supervised, the case, what is required, by
 * when and who issues it, under the order's own number. Readers of the item get it; a reminder has
 * none; a unit the item is not addressed to does not read it.
 */
let b: BureauTest;
const api = (u: string) => as(b.t.app, b.s[u]!);

async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
}

beforeAll(async () => {
  b = await startBureauTest();
});
afterAll(() => b.t.close());

describe("the 督办单 of a supervision order", () => {
  it("prints the order's number, the unit, the case, the requirement and the reply date", async () => {
    const caseId = await b.newCase();
    const rsj = await b.unit("c.rsj");
    const order = await api("office").post("/api/bureau/supervision/orders", {
      caseId,
      unitId: rsj,
      requirements: "请于限期内查清欠薪金额并书面报告",
      replyDueOn: "2026-03-20",
    });
    expect(order.statusCode, order.body).toBe(201);
    const { id, orderNumber, case: ref } = order.json();
    const docx = await api("office").get(`/api/bureau/supervision/items/${id}/order/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const text = await docxText(docx.rawPayload);
    expect(text).toContain("信访事项督办单");
    expect(text).toContain(orderNumber);
    expect(text).toContain("人社局");
    expect(text).toContain(ref.caseNumber);
    expect(text).toContain("请于限期内查清欠薪金额并书面报告");
    expect(text).toContain("2026年3月20日");
    expect(text).toContain("测试县信访局");
    // The addressed unit reads its own order; the PDF carries the same order when a CJK font exists.
    expect((await api("rsj").get(`/api/bureau/supervision/items/${id}/order/docx`)).statusCode).toBe(200);
    const pdf = await api("rsj").get(`/api/bureau/supervision/items/${id}/order/pdf`);
    if (findPdfFont(b.t.config.pdfFont)) {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    } else expect(pdf.json().error.code).toBe("DOCUMENT_PDF_UNAVAILABLE");
    // Another department never sees the item.
    expect((await api("gaj").get(`/api/bureau/supervision/items/${id}/order/docx`)).statusCode).toBe(404);
  });

  it("has no 督办单 for a reminder, and none for an item that does not exist", async () => {
    const caseId = await b.newCase();
    const reminder = await api("office").post("/api/bureau/supervision/reminders", {
      caseId,
      unitId: await b.unit("c.rsj"),
      text: "请加快办理进度",
    });
    expect(reminder.statusCode, reminder.body).toBe(201);
    const res = await api("office").get(`/api/bureau/supervision/items/${reminder.json().id}/order/docx`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("SUPERVISION_NOT_ORDER");
    expect(res.json().error.message).toMatch(/督办单/);
    const none = await api("office").get(
      "/api/bureau/supervision/items/00000000-0000-4000-8000-000000000000/order/docx",
    );
    expect(none.statusCode).toBe(404);
  });
});
