import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInput, freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;
let reg: Session;
const ids: Record<string, string> = {};

async function register(name: string, overrides: Record<string, unknown>) {
  const res = await as(t.app, reg).post("/api/cases", caseInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  reg = await login(t.app, "reg");
  const labor = (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 'labor'")).rows[0]!
    .id;
  const wages = (
    await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 'labor.wage_arrears'")
  ).rows[0]!.id;
  const land = (
    await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 'land.compensation'")
  ).rows[0]!.id;
  await register("wagesT1", {
    channel: "visit",
    categoryId: wages,
    title: "拖欠农民工工资",
    headcount: 8,
    receivedAt: "2026-01-10T09:00:00+08:00",
  });
  await register("laborT2", {
    channel: "letter",
    categoryId: labor,
    title: "劳动合同纠纷",
    problemRegionCode: "990001002001",
    receivedAt: "2026-02-01T00:30:00+08:00",
  });
  await register("landOnline", {
    channel: "online",
    categoryId: land,
    nature: "suggestion",
    legalClass: "suggestion",
    title: "征地补偿标准建议",
    content: "建议提高征地补偿标准并公开测算依据。",
    problemRegionCode: "990001001",
    receivedAt: "2026-01-31T23:30:00+08:00",
  });
  const repeatId = freshIdNumber();
  await register("first", {
    petitioners: [{ name: "重复人", idNumber: repeatId }],
    receivedAt: "2026-02-10T10:00:00+08:00",
  });
  await register("repeat", {
    petitioners: [{ name: "重复人", idNumber: repeatId }],
    receivedAt: "2026-02-11T10:00:00+08:00",
  });
});
afterAll(() => t.close());

async function listIds(session: Session, query: string): Promise<{ ids: string[]; total: number }> {
  const res = await as(t.app, session).get(`/api/cases?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ items: { id: string }[]; total: number }>();
  return { ids: body.items.map((i) => i.id), total: body.total };
}

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

describe("the case list", () => {
  it("filters by channel, nature, collective and first petition", async () => {
    expect((await listIds(reg, "channel=online")).ids.map(nameOf)).toEqual(["landOnline"]);
    expect((await listIds(reg, "nature=suggestion")).ids.map(nameOf)).toEqual(["landOnline"]);
    expect((await listIds(reg, "isCollective=true")).ids.map(nameOf)).toEqual(["wagesT1"]);
    expect((await listIds(reg, "isFirstPetition=false")).ids.map(nameOf)).toEqual(["repeat"]);
  });

  it("filters by a top-level category including its sub-categories", async () => {
    const labor = (await t.db.query<{ id: string }>("SELECT id FROM categories WHERE code = 'labor'"))
      .rows[0]!.id;
    expect((await listIds(reg, `categoryId=${labor}`)).ids.map(nameOf).sort()).toEqual([
      "laborT2",
      "wagesT1",
    ]);
  });

  it("filters by region including everything below it", async () => {
    expect((await listIds(reg, "regionCode=990001002")).ids.map(nameOf)).toEqual(["laborT2"]);
    expect((await listIds(reg, "regionCode=990001001")).ids.map(nameOf).sort()).toEqual(
      ["first", "landOnline", "repeat", "wagesT1"].sort(),
    );
  });

  it("filters by date range in Shanghai days", async () => {
    // 2026-01-31 23:30 Shanghai is still January 31st there, although it is the 31st 15:30 UTC.
    expect((await listIds(reg, "from=2026-01-31&to=2026-01-31")).ids.map(nameOf)).toEqual(["landOnline"]);
    expect((await listIds(reg, "from=2026-02-01&to=2026-02-01")).ids.map(nameOf)).toEqual(["laborT2"]);
  });

  it("pages newest first with a total that ignores paging", async () => {
    const page1 = await as(t.app, reg).get("/api/cases?pageSize=2&page=1");
    const page2 = await as(t.app, reg).get("/api/cases?pageSize=2&page=2");
    expect(page1.json().total).toBe(5);
    expect(page1.json().items.map((i: { id: string }) => nameOf(i.id))).toEqual(["repeat", "first"]);
    expect(page2.json().items.map((i: { id: string }) => nameOf(i.id))).toEqual(["laborT2", "landOnline"]);
  });

  it("finds cases by Chinese words in title and content", async () => {
    expect((await listIds(reg, `q=${encodeURIComponent("补偿标准")}`)).ids.map(nameOf)).toEqual([
      "landOnline",
    ]);
    expect((await listIds(reg, `q=${encodeURIComponent("劳动合同")}`)).ids.map(nameOf)).toEqual(["laborT2"]);
    expect((await listIds(reg, `q=${encodeURIComponent("农民工")}`)).ids.map(nameOf).sort()).toEqual(
      ["first", "repeat", "wagesT1"].sort(),
    );
    expect((await listIds(reg, `q=${encodeURIComponent("高速公路")}`)).ids).toEqual([]);
  });

  it("shows a township only its own cases, in the list, the total and the detail", async () => {
    const town2 = await login(t.app, "town2");
    const seen = await listIds(town2, "");
    expect(seen.ids.map(nameOf)).toEqual(["laborT2"]);
    expect(seen.total).toBe(1);
    expect((await as(t.app, town2).get(`/api/cases/${ids.wagesT1}`)).statusCode).toBe(404);
    expect((await as(t.app, town2).get(`/api/cases/${ids.laborT2}`)).statusCode).toBe(200);
  });

  it("answers a bad filter with 400 and a code", async () => {
    const res = await as(t.app, reg).get("/api/cases?channel=fax");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });
});

describe("the case detail", () => {
  it("carries the event history and the abilities the server grants", async () => {
    const res = await as(t.app, reg).get(`/api/cases/${ids.wagesT1}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().events.map((e: { action: string }) => e.action)).toEqual(["register"]);
    expect(res.json().abilities).toEqual(expect.arrayContaining(["read", "read_sensitive", "attach"]));
    const analyst = await login(t.app, "analyst");
    expect((await as(t.app, analyst).get(`/api/cases/${ids.wagesT1}`)).json().abilities).toEqual(["read"]);
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    expect((await as(t.app, reg).get("/api/cases/00000000-0000-4000-8000-000000000000")).statusCode).toBe(
      404,
    );
    expect((await as(t.app, reg).get("/api/cases/not-a-uuid")).statusCode).toBe(400);
  });
});

describe("attachments", () => {
  const upload = (session: Session, caseId: string, name: string, type: string, data: Buffer) => {
    const boundary = "----xfboundary";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: "POST",
      url: `/api/cases/${caseId}/attachments`,
      headers: {
        cookie: session.cookie,
        "x-csrf-token": session.csrf,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
  };
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

  it("stores a PDF with the case and serves it back byte for byte", async () => {
    const res = await upload(reg, ids.wagesT1!, "工资欠条.pdf", "application/pdf", pdf);
    expect(res.statusCode, res.body).toBe(201);
    const detail = await as(t.app, reg).get(`/api/cases/${ids.wagesT1}`);
    expect(detail.json().attachments).toEqual([
      expect.objectContaining({ fileName: "工资欠条.pdf", sizeBytes: pdf.length }),
    ]);
    const file = await as(t.app, reg).get(`/api/cases/${ids.wagesT1}/attachments/${res.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it("refuses a file whose bytes do not match its type, and a file name with a directory part", async () => {
    const count = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_attachments")).rows[0]!.n;
    const before = await count();
    const exe = await upload(
      reg,
      ids.laborT2!,
      "scan.pdf",
      "application/pdf",
      Buffer.from("MZ\x90\x00binary"),
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe("ATTACHMENT_TYPE_REFUSED");
    const control = await upload(reg, ids.laborT2!, "bad\u0001name.pdf", "application/pdf", pdf);
    expect(control.statusCode).toBe(422);
    expect(await count()).toBe(before);
    const traversal = await upload(reg, ids.laborT2!, "../../etc/passwd.pdf", "application/pdf", pdf);
    expect(traversal.statusCode).toBe(422);
    expect(traversal.json().error.code).toBe("ATTACHMENT_NAME_INVALID");
    expect(await count()).toBe(before);
  });

  it("refuses a file over the size limit with 413", async () => {
    const small = await startTestApp({ attachmentMaxBytes: 1024 });
    try {
      await makeNetwork(small.db);
      const s = await login(small.app, "reg");
      const created = await as(small.app, s).post("/api/cases", caseInput());
      const boundary = "b";
      const big = Buffer.concat([pdf, Buffer.alloc(4096, 0x20)]);
      const res = await small.app.inject({
        method: "POST",
        url: `/api/cases/${created.json().id}/attachments`,
        headers: {
          cookie: s.cookie,
          "x-csrf-token": s.csrf,
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          big,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      expect(res.statusCode).toBe(413);
      const n = (await small.db.query<{ n: number }>("SELECT count(*)::int AS n FROM case_attachments"))
        .rows[0]!.n;
      expect(n).toBe(0);
    } finally {
      await small.close();
    }
  });
});
