import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdNumber } from "../../domain/identity/id-card.ts";
import { buildApp } from "../app.ts";
import { caseInput, makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";

/** Every ID number and phone this suite sends; none of them may be found in the captured log. */
const ids = Array.from({ length: 10 }, (_, i) =>
  generateIdNumber("990001", `1971${String(i + 1).padStart(2, "0")}15`, String(300 + i)),
);
const phones = Array.from({ length: 10 }, (_, i) => `13${5 + (i % 4)}7${String(1000000 + i * 7919)}`);

/** Full-width digits as a Chinese IME types them (１３８…). */
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
const hyphenated = (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;

let t: TestContext;
let logged: FastifyInstance;
let reg: Session;
let logText = "";
const statuses: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await makeNetwork(t.db);
  // A second app on the same database, logging everything at trace level into a captured stream.
  const sink = new Writable({
    write(chunk, _enc, done) {
      logText += String(chunk);
      done();
    },
  });
  logged = await buildApp({
    db: t.db,
    config: t.config,
    keyRing: t.keyRing,
    now: () => t.clock.now,
    logger: { level: "trace", stream: sink },
  });
  reg = await login(logged, "reg");
  const staff = as(logged, reg);

  // Registration: two petitioners, one ID typed with spaces, one phone with hyphens.
  const created = await staff.post(
    "/api/cases",
    caseInput({
      petitioners: [
        { name: "日志甲", idNumber: ids[0], phone: phones[0], isRepresentative: false },
        { name: "日志乙", idNumber: spaced(ids[1]!), phone: hyphenated(phones[1]!), isRepresentative: false },
      ],
    }),
  );
  statuses.register = created.statusCode;
  const caseId = created.json<{ id: string }>().id;

  // The repeat check before registering the next petition of the same person.
  statuses.repeatCheck = (
    await staff.post("/api/search/repeats/check", {
      petitioners: [{ name: "日志甲", idNumber: ids[0], phone: phones[0] }],
      problemRegionCode: "990001001001",
      content: "某建筑公司拖欠我们十名工人工资共计十二万元，请求协调解决。",
    })
  ).statusCode;

  // Lookups by person: in a POST body, and the old way in the address, as a stale client or a
  // bookmark would still send it (raw, hyphenated, +86, full-width and in free text).
  statuses.lookup = (
    await staff.post("/api/search/cases", { idNumber: ids[1], phone: phones[1] })
  ).statusCode;
  await staff.get(`/api/search/cases?idNumber=${ids[2]}&phone=${phones[2]}&page=1`);
  await staff.get(`/api/search/cases?phone=${encodeURIComponent(`+86 ${hyphenated(phones[3]!)}`)}`);
  await staff.get(`/api/search/cases?idNumber=${encodeURIComponent(fullWidth(ids[3]!))}`);
  await staff.get(`/api/search/cases?q=${ids[4]}`);
  await staff.get(`/api/cases?q=${encodeURIComponent(phones[4]!)}&pageSize=20`);
  // Revealing the full numbers (audited) answers them in the body, which is never logged.
  statuses.reveal = (await staff.get(`/api/cases/${caseId}/petitioners/1/identity`)).statusCode;

  // The citizens' portal: an online petition, its status query, a reception booking, and a page
  // address someone built by hand.
  const submitted = await logged.inject({
    method: "POST",
    url: "/api/public/petitions",
    headers: { "idempotency-key": "log-redaction-1" },
    payload: {
      title: "日志检查",
      content: "网上提交的身份证号和电话不能进日志。",
      problemRegionCode: "990001001001",
      petitioner: { name: "日志丙", idNumber: ids[5], phone: phones[5] },
      consentPrivacy: true,
    },
  });
  statuses.submit = submitted.statusCode;
  const { caseNumber, queryCode } = submitted.json<{ caseNumber: string; queryCode: string }>();
  statuses.portalQuery = (
    await logged.inject({ method: "POST", url: "/api/public/status", payload: { caseNumber, queryCode } })
  ).statusCode;
  await logged.inject({ method: "GET", url: `/portal/track?idNumber=${ids[6]}&phone=${phones[6]}` });

  // Bad input: a wrong check digit, a phone that is no number, malformed JSON, identity in a path.
  const wrongCheck = `${ids[7]!.slice(0, 17)}${ids[7]!.endsWith("0") ? "1" : "0"}`;
  statuses.badId = (
    await staff.post(
      "/api/cases",
      caseInput({
        petitioners: [{ name: "日志丁", idNumber: wrongCheck, phone: phones[7], isRepresentative: false }],
      }),
    )
  ).statusCode;
  await staff.post(
    "/api/cases",
    caseInput({ petitioners: [{ name: "日志戊", phone: `${phones[8]}99`, isRepresentative: false }] }),
  );
  await logged.inject({
    method: "POST",
    url: "/api/cases",
    headers: { cookie: reg.cookie, "x-csrf-token": reg.csrf, "content-type": "application/json" },
    payload: `{"petitioners":[{"idNumber":"${ids[8]}","phone":"${phones[8]}"`,
  });
  await logged.inject({
    method: "POST",
    url: "/api/public/petitions",
    headers: { "content-type": "application/json" },
    payload: `{"petitioner":{"idNumber":"${ids[9]}" "phone":"${phones[9]}"}}`,
  });
  await staff.get(`/api/cases/${ids[9]}/petitioners/0/identity`);
  await staff.get(`/api/people/${phones[9]}`);
});

afterAll(async () => {
  await logged?.close();
  await t?.close();
});

/** The log as someone would search it: also percent-decoded, NFKC-folded and without separators. */
function searchable(text: string): string[] {
  const decoded = text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
  const folded = decoded.normalize("NFKC");
  return [text, decoded, folded, folded.replace(/[\s\-()+]/g, "")];
}

describe("the request log", () => {
  it("ran the sequence (registration, repeat check, lookup, reveal, portal, refused input)", () => {
    expect(statuses).toEqual({
      register: 201,
      repeatCheck: 200,
      lookup: 200,
      reveal: 200,
      submit: 201,
      portalQuery: 200,
      badId: 422,
    });
    expect(logText.split("\n").filter((l) => l.includes('"incoming request"')).length).toBeGreaterThan(15);
  });

  it("holds no ID number and no phone number that was sent, in any form", () => {
    const haystacks = searchable(logText);
    for (const value of [...ids, ...phones]) {
      for (const h of haystacks) expect(h.includes(value), `${value} in the log`).toBe(false);
    }
    // The wrong check digit is somebody's number too.
    for (const h of haystacks) expect(h).not.toContain(ids[7]!.slice(0, 17));
  });

  it("still shows the method, the path and the harmless query parameters", () => {
    expect(logText).toContain('"method":"GET"');
    expect(logText).toMatch(/"url":"\/api\/search\/cases\?[^"]*page=1/);
    expect(logText).toMatch(/"url":"\/api\/cases\?[^"]*pageSize=20/);
    expect(logText).toContain('"url":"/api/public/status"');
  });
});
