import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshIdNumber, makeNetwork } from "../../test/factories.ts";
import { snapshotCounts, startTestApp, type TestContext } from "../../test/harness.ts";

let t: TestContext;

beforeAll(async () => {
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await makeNetwork(t.db);
});
afterAll(() => t.close());

function petition(overrides: Record<string, unknown> = {}) {
  return {
    title: "小区路灯长期不亮",
    content: "甲村主路的路灯已经坏了三个月，晚上出行很不安全，请尽快维修。",
    problemRegionCode: "990001001001",
    petitioner: { name: "刘一", idNumber: freshIdNumber(), phone: "13600136000" },
    consentPrivacy: true,
    ...overrides,
  };
}

const submit = (body: unknown, key?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/public/petitions",
    headers: key ? { "idempotency-key": key } : {},
    payload: body as Record<string, unknown>,
  });

describe("a citizen's online submission", () => {
  it("creates an online case waiting for screening and returns its number and query code", async () => {
    const res = await submit(petition());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.caseNumber).toMatch(/^990001-\d{4}-\d{7}$/);
    expect(body.queryCode).toMatch(/^[2-9A-Z]{8}$/);
    const { rows } = await t.db.query<{ channel: string; status: string; registered_by: string | null }>(
      "SELECT channel, status, registered_by FROM cases WHERE case_number = $1",
      [body.caseNumber],
    );
    expect(rows[0]).toEqual({ channel: "online", status: "pending_screening", registered_by: null });
  });

  it("refuses a title or content of spaces only with 400 and a message naming the field", async () => {
    const before = await snapshotCounts(t.db);
    const res = await submit(petition({ title: "   ", content: " \n\t " }));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("标题不能为空");
    expect(error.message).toContain("信访内容不能为空");
    expect(error.messageEn).toContain("Title must not be empty");
    expect(error.messageEn).toContain("content must not be empty");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("needs consent to the privacy notice", async () => {
    const before = await snapshotCounts(t.db);
    const res = await submit(petition({ consentPrivacy: false }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("returns the first answer to a retry with the same idempotency key and creates no second case", async () => {
    const body = petition();
    const first = await submit(body, "retry-key-0001");
    const again = await submit(body, "retry-key-0001");
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE title = $1 AND case_number = $2",
      [body.title, first.json().caseNumber],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("creates exactly one case when the same key arrives many times at once", async () => {
    const body = petition({ title: "并发重复提交测试" });
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(body, "concurrent-key-42")));
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 201)).toBe(true);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().caseNumber)).size).toBe(1);
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE title = $1",
      ["并发重复提交测试"],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("refuses a reused key with a different body and writes nothing", async () => {
    await submit(petition(), "reused-key-0001");
    const before = await snapshotCounts(t.db);
    const res = await submit(petition({ title: "另一件事" }), "reused-key-0001");
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("keeps the stored answer encrypted, since it holds the query code", async () => {
    const first = await submit(petition(), "secret-key-0001");
    const { rows } = await t.db.query<{ response: unknown }>(
      "SELECT response FROM idempotency_keys WHERE key = $1",
      ["secret-key-0001"],
    );
    expect(JSON.stringify(rows[0]!.response)).not.toContain(first.json().queryCode);
  });
});

describe("tracking a case with its number and query code", () => {
  it("shows the status and the steps, without staff names", async () => {
    const { caseNumber, queryCode } = (await submit(petition())).json();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber, queryCode },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ caseNumber, status: "pending_screening", title: "小区路灯长期不亮" });
    expect(res.json().events).toEqual([
      expect.objectContaining({ action: "register", toStatus: "pending_screening" }),
    ]);
    expect(res.body).not.toContain("actor");
  });

  it("accepts the query code in lower case", async () => {
    const { caseNumber, queryCode } = (await submit(petition())).json();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber, queryCode: queryCode.toLowerCase() },
    });
    expect(res.statusCode).toBe(200);
  });

  it("answers a wrong code and an unknown number the same way: 404", async () => {
    const { caseNumber } = (await submit(petition())).json();
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber, queryCode: "AAAAAAAA" },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/public/status",
      payload: { caseNumber: "990001-2026-9999999", queryCode: "AAAAAAAA" },
    });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());
  });
});

describe("rate limits on public endpoints", () => {
  it("answer 429 with a bilingual message when one address sends too many requests", async () => {
    const limited = await startTestApp({ publicRateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: "POST",
          url: "/api/public/status",
          payload: { caseNumber: "x", queryCode: "y" },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json().error.code).toBe("RATE_LIMITED");
      }
      expect(codes.slice(0, 3)).toEqual([404, 404, 404]);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("a citizen adding files to the petition before it is accepted", () => {
  const boundary = "----xfpublic";
  function upload(fields: Record<string, string>, name: string, type: string, data: Buffer) {
    const parts = Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
    const payload = Buffer.concat([
      ...parts,
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: "POST",
      url: "/api/public/attachments",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }
  const text = Buffer.from("路灯坏了三个月的照片说明");

  it("stores the file with the case, audited, and the staff see it on the case", async () => {
    const { caseNumber, queryCode } = (await submit(petition())).json();
    const res = await upload({ caseNumber, queryCode }, "说明.txt", "text/plain", text);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ fileName: "说明.txt", mediaType: "text/plain", sizeBytes: text.length });
    const { rows } = await t.db.query<{ file_name: string; uploaded_by: string | null }>(
      `SELECT a.file_name, a.uploaded_by FROM case_attachments a JOIN cases c ON c.id = a.case_id
        WHERE c.case_number = $1`,
      [caseNumber],
    );
    expect(rows).toEqual([{ file_name: "说明.txt", uploaded_by: null }]);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'attachment_add' AND actor_role = 'public' AND detail->>'fileName' = '说明.txt'",
    );
    expect(audit.rows).toHaveLength(1);
    const limits = await t.app.inject({ method: "GET", url: "/api/public/attachment-limits" });
    expect(limits.json()).toMatchObject({ perCase: 10, types: expect.arrayContaining(["text/plain"]) });
  });

  it("refuses a wrong code, a missing code, a disguised file and a closed petition, writing nothing", async () => {
    const { caseNumber, queryCode } = (await submit(petition())).json();
    const before = await snapshotCounts(t.db);
    const wrong = await upload({ caseNumber, queryCode: "ZZZZZZZZ" }, "a.txt", "text/plain", text);
    expect(wrong.statusCode).toBe(404);
    const missing = await upload({ caseNumber }, "a.txt", "text/plain", text);
    expect(missing.statusCode).toBe(400);
    const exe = await upload(
      { caseNumber, queryCode },
      "a.pdf",
      "application/pdf",
      Buffer.from("MZ\x90\x00"),
    );
    expect(exe.statusCode).toBe(415);
    await t.db.query("UPDATE cases SET status = 'accepted' WHERE case_number = $1", [caseNumber]);
    const closed = await upload({ caseNumber, queryCode }, "a.txt", "text/plain", text);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe("PUBLIC_ATTACHMENT_CLOSED");
    expect(await snapshotCounts(t.db)).toEqual(before);
  });

  it("stops at the per-case limit", async () => {
    const { caseNumber, queryCode } = (await submit(petition())).json();
    for (let i = 0; i < 10; i++) {
      const ok = await upload(
        { caseNumber, queryCode },
        `第${i}页.txt`,
        "text/plain",
        Buffer.from(`第${i}页`),
      );
      expect(ok.statusCode, ok.body).toBe(201);
    }
    const over = await upload({ caseNumber, queryCode }, "多余.txt", "text/plain", text);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe("PUBLIC_ATTACHMENT_LIMIT");
  });
});
