import path from "node:path";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { depthLabel, sized } from "./depth.ts";
import { makeNetwork, TEST_USERS } from "./factories.ts";
import {
  applyFaults,
  type BodyCase,
  badBodies,
  badUploads,
  badUuid,
  CASE_TEXT_PATHS,
  caseFaults,
  categoryCreateFaults,
  categoryUpdateFaults,
  describeFaults,
  encodeBody,
  encodeComponent,
  type Fault,
  filesIn,
  hostileText,
  hugeSize,
  INVALID_UTF8_SEQUENCES,
  MISSING,
  multipartBody,
  nonBlank,
  notAString,
  PDF_MAGIC,
  PETITION_TEXT_PATHS,
  PROTO_KEYS,
  petitionFaults,
  preview,
  SCRIPT_INJECTIONS,
  SQL_INJECTIONS,
  spliceBytes,
  statusField,
  textWithControl,
  textWithLoneSurrogate,
  tinyPdf,
  tooLong,
  unknownUuid,
  uploadExtraFields,
  validCase,
  validPetition,
  writeFingerprint,
} from "./fuzz-arbitraries.ts";
import { login, type Session, snapshotCounts, startTestApp, type TestContext } from "./harness.ts";

/**
 * Property tests: thousands of generated bad requests, each of which must be answered below 500
 * in the API's error format, and none of which may write a row or a file. `npm run test:deep` sends
 * them all (over 12,000); `npm test` 50 to 150 of each batch (20 of the logins, which each cost an
 * Argon2 check), from a fixed seed.
 */

const ATTACHMENT_MAX = 64 * 1024;
const REAL_USERNAMES = new Set(TEST_USERS.map((u) => u.username));

let t: TestContext;
let filesDir: string;
const sessions: Record<"reg" | "analyst" | "sysadmin", Session> = {} as Record<
  "reg" | "analyst" | "sysadmin",
  Session
>;
let caseId: string;
let topCategoryId: string;
let childCategoryId: string;
const USED_KEY = "fuzz-used-key-0001";

/** Tallies, printed at the end: the broad fuzz, the single-field mutations, the regression probes. */
const tally = { bad: 0, badServerErrors: 0, mutations: 0, mutationServerErrors: 0, probes: 0 };

type Auth =
  | "reg"
  | "analyst"
  | "sysadmin"
  | "anonymous"
  | "reg-without-csrf"
  | "reg-wrong-csrf"
  | "garbage-cookie";

interface FuzzRequest {
  method: "GET" | "POST" | "PATCH";
  url: string;
  auth: Auth;
  contentType?: string | null;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** What is wrong with the request, for the failure message. */
  why: string;
}

function send(r: FuzzRequest): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...r.headers };
  const s =
    r.auth === "reg" || r.auth === "reg-without-csrf" || r.auth === "reg-wrong-csrf"
      ? sessions.reg
      : r.auth === "analyst" || r.auth === "sysadmin"
        ? sessions[r.auth]
        : null;
  if (s) headers.cookie = s.cookie;
  if (s && r.auth !== "reg-without-csrf")
    headers["x-csrf-token"] = r.auth === "reg-wrong-csrf" ? "x" : s.csrf;
  if (r.auth === "garbage-cookie") headers.cookie = `xf_session=${"A".repeat(43)}`;
  if (r.contentType) headers["content-type"] = r.contentType;
  const options: InjectOptions = { method: r.method, url: r.url, headers };
  if (r.payload !== undefined) options.payload = r.payload;
  return t.app.inject(options);
}

function errorCodeOf(res: LightMyRequestResponse): unknown {
  try {
    return res.json<{ error?: { code?: unknown } }>().error?.code;
  } catch {
    return undefined;
  }
}

/**
 * Inside a batch nothing but the request under test runs, so the state after one request is the
 * state before the next: keeping it halves the fingerprint queries. Outside a batch it is null.
 */
let knownState: { fingerprint: string; files: string[] } | null = null;

/** The one assertion every generated request goes through. */
async function expectHarmless(
  r: FuzzRequest,
  opts: { mustRefuse: boolean; counter?: "bad" | "probes" } = { mustRefuse: true },
): Promise<LightMyRequestResponse> {
  const before = knownState ?? { fingerprint: await writeFingerprint(t.db), files: filesIn(filesDir) };
  const res = await send(r);
  if ((opts.counter ?? "bad") === "bad") {
    tally.bad += 1;
    if (res.statusCode >= 500) tally.badServerErrors += 1;
  } else {
    tally.probes += 1;
  }
  const label = `${r.method} ${r.url.slice(0, 120)} as ${r.auth}: ${r.why} → ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(res.statusCode, label).toBeLessThan(500);
  if (opts.mustRefuse) expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  if (res.statusCode >= 400) {
    expect(res.headers["content-type"], label).toMatch(/^application\/json/);
    expect(typeof errorCodeOf(res), label).toBe("string");
  }
  const after = { fingerprint: await writeFingerprint(t.db), files: filesIn(filesDir) };
  expect(after.fingerprint, label).toBe(before.fingerprint);
  expect(after.files, label).toEqual(before.files);
  return res;
}

/** One fc.assert batch; the harness's own row counts are compared around it as well. */
async function fuzz<T>(arb: fc.Arbitrary<T>, numRuns: number, run: (v: T) => Promise<unknown>) {
  const before = await snapshotCounts(t.db);
  knownState = { fingerprint: await writeFingerprint(t.db), files: filesIn(filesDir) };
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (v) => {
        await run(v);
      }),
      { numRuns },
    );
  } finally {
    knownState = null;
  }
  expect(await snapshotCounts(t.db)).toEqual(before);
}

function bodyRequest(
  method: FuzzRequest["method"],
  url: string,
  auth: Auth,
  base: unknown,
  b: BodyCase,
): FuzzRequest {
  const value = applyFaults(applyFaults(base, b.hostile), b.faults);
  const { payload, contentType } = encodeBody(value, b.members, b.encoding, b.badBytes);
  const why = [describeFaults(b.faults), b.hostile.length ? `hostile ${describeFaults(b.hostile)}` : ""]
    .concat(
      b.members.length ? [`members ${b.members.join(" ")}`] : [],
      b.encoding !== "json" ? [b.encoding] : [],
    )
    .filter(Boolean)
    .join("; ");
  return { method, url, auth, payload, contentType, why };
}

// ---------------------------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await startTestApp({
    publicRateLimitPerMinute: 1_000_000,
    // Login has its own fixed limit (20 a minute); lift it for loopback so login can be fuzzed.
    rateLimitAllowLoopback: true,
    attachmentMaxBytes: ATTACHMENT_MAX,
  });
  filesDir = path.join(t.config.dataDir, "files");
  await makeNetwork(t.db);
  sessions.reg = await login(t.app, "reg");
  sessions.analyst = await login(t.app, "analyst");
  sessions.sysadmin = await login(t.app, "sysadmin");
  const created = await send({
    method: "POST",
    url: "/api/cases",
    auth: "reg",
    contentType: "application/json",
    payload: JSON.stringify(validCase()),
    why: "fixture",
  });
  if (created.statusCode !== 201) throw new Error(`fixture case: ${created.body}`);
  caseId = created.json<{ id: string }>().id;
  const used = await t.app.inject({
    method: "POST",
    url: "/api/public/petitions",
    headers: { "idempotency-key": USED_KEY },
    payload: validPetition(),
  });
  if (used.statusCode !== 201) throw new Error(`fixture petition: ${used.body}`);
  const cats = await t.db.query<{ id: string; code: string }>(
    "SELECT id, code FROM categories WHERE code IN ('labor', 'labor.wage_arrears')",
  );
  topCategoryId = cats.rows.find((c) => c.code === "labor")!.id;
  childCategoryId = cats.rows.find((c) => c.code === "labor.wage_arrears")!.id;
});

afterAll(async () => {
  console.log(
    `fuzz: ${tally.mutations} single-field mutations of valid submissions, ${tally.mutationServerErrors} server errors; ${tally.probes} regression probes`,
  );
  await t?.close();
});

// ---------------------------------------------------------------------------------------------
// The broad fuzz: every request is bad, so every answer is a 4xx and nothing is written
// ---------------------------------------------------------------------------------------------

describe("bad input never causes a server error or a write", () => {
  it("starts from bases that are valid, so the faults are what make each request bad", async () => {
    const before = await snapshotCounts(t.db);
    const c = await send({
      method: "POST",
      url: "/api/cases",
      auth: "reg",
      contentType: "application/json",
      payload: JSON.stringify(validCase()),
      why: "valid",
    });
    expect(c.statusCode).toBe(201);
    const p = await t.app.inject({ method: "POST", url: "/api/public/petitions", payload: validPetition() });
    expect(p.statusCode).toBe(201);
    const after = await snapshotCounts(t.db);
    expect(after.cases).toBe(before.cases! + 2);
  });

  it("refuses bad case registrations (bodies, encodings, sessions and CSRF) and writes nothing", async () => {
    const authFault = fc.constantFrom<Auth>(
      "anonymous",
      "reg-without-csrf",
      "reg-wrong-csrf",
      "garbage-cookie",
      "analyst",
    );
    const arb = fc.oneof(
      {
        arbitrary: badBodies(caseFaults, CASE_TEXT_PATHS).map((b) =>
          bodyRequest("POST", "/api/cases", "reg", validCase(), b),
        ),
        weight: 9,
      },
      {
        // A valid body, but no right to register it.
        arbitrary: authFault.map(
          (auth): FuzzRequest => ({
            method: "POST",
            url: "/api/cases",
            auth,
            contentType: "application/json",
            payload: JSON.stringify(validCase()),
            why: `valid body, ${auth}`,
          }),
        ),
        weight: 1,
      },
    );
    await fuzz(arb, sized(2200, 150), (r) => expectHarmless(r));
  });

  it("refuses bad online petitions without an idempotency key and writes nothing", async () => {
    const arb = badBodies(petitionFaults, PETITION_TEXT_PATHS).map((b) =>
      bodyRequest("POST", "/api/public/petitions", "anonymous", validPetition(), b),
    );
    await fuzz(arb, sized(1600, 100), (r) => expectHarmless(r));
  });

  it("refuses bad online petitions with an idempotency key, bad keys and a reused key, and writes nothing", async () => {
    const goodKey = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_"), minLength: 8, maxLength: 100 });
    const badKey = fc.oneof(
      fc.string({ unit: fc.constantFrom(..."abc123"), minLength: 1, maxLength: 7 }),
      fc.string({ unit: fc.constantFrom(..."abc123"), minLength: 101, maxLength: 300 }),
      fc.constantFrom(
        "has space 12345",
        "../../etc/passwd",
        "key;DROP-TABLE",
        "'; DROP TABLE cases; --",
        "ä-not-ascii-key",
        "%00%00%00%00",
      ),
    );
    const differentBody = fc
      .constantFrom("另一个标题", "又一个标题")
      .map((title) => ({ ...validPetition(), title }));
    const withGoodKey = fc
      .tuple(goodKey, badBodies(petitionFaults, PETITION_TEXT_PATHS))
      .map(([key, b]): FuzzRequest => {
        const r = bodyRequest("POST", "/api/public/petitions", "anonymous", validPetition(), b);
        return { ...r, headers: { "idempotency-key": key }, why: `key ${key.slice(0, 20)}; ${r.why}` };
      });
    const withBadKey = badKey.map(
      (key): FuzzRequest => ({
        method: "POST",
        url: "/api/public/petitions",
        auth: "anonymous",
        headers: { "idempotency-key": key },
        contentType: "application/json",
        payload: JSON.stringify(validPetition()),
        why: `valid body, bad key ${preview(key)}`,
      }),
    );
    const reusedKey = differentBody.map(
      (body): FuzzRequest => ({
        method: "POST",
        url: "/api/public/petitions",
        auth: "anonymous",
        headers: { "idempotency-key": USED_KEY },
        contentType: "application/json",
        payload: JSON.stringify(body),
        why: "a used key with a different body",
      }),
    );
    const arb = fc.oneof(
      { arbitrary: withGoodKey, weight: 6 },
      { arbitrary: withBadKey, weight: 3 },
      { arbitrary: reusedKey, weight: 1 },
    );
    await fuzz(arb, sized(1000, 60), (r) => expectHarmless(r));
  });

  it("refuses bad status queries, including injection attempts, and writes nothing", async () => {
    const arb = badBodies(
      fc.tuple(statusField, statusField).map(([a, b]): Fault[] => [
        { path: ["caseNumber"], value: a },
        { path: ["queryCode"], value: b },
      ]),
      [],
    ).map((b) =>
      bodyRequest("POST", "/api/public/status", "anonymous", { caseNumber: "x", queryCode: "y" }, b),
    );
    await fuzz(arb, sized(1100, 60), (r) => expectHarmless(r));
  });

  it("refuses malformed logins before any password check, and writes nothing", async () => {
    const field = (max: number) => fc.oneof(fc.constantFrom(MISSING, ""), tooLong(max), notAString);
    const arb = badBodies(
      fc.oneof(
        field(40).map((v): Fault[] => [{ path: ["username"], value: v }]),
        field(200).map((v): Fault[] => [{ path: ["password"], value: v }]),
        fc.constant<Fault[]>([{ path: ["username"], value: "   " }]),
      ),
      [["username"], ["password"]],
    ).map((b) =>
      bodyRequest("POST", "/api/auth/login", "anonymous", { username: "nobody", password: "x" }, b),
    );
    await fuzz(arb, sized(800, 50), (r) => expectHarmless(r));
  });

  it("refuses well-formed logins with unknown or hostile user names", async () => {
    const username = fc
      .oneof(hostileText, textWithControl, textWithLoneSurrogate, fc.constantFrom(...SQL_INJECTIONS))
      .filter((u) => nonBlank(u) && u.trim().length <= 40 && !REAL_USERNAMES.has(u.trim().toLowerCase()));
    const arb = fc.tuple(username, fc.string({ minLength: 1, maxLength: 50 })).map(
      ([u, p]): FuzzRequest => ({
        method: "POST",
        url: "/api/auth/login",
        auth: "anonymous",
        contentType: "application/json",
        payload: JSON.stringify({ username: u, password: p }),
        why: `username ${preview(u)}`,
      }),
    );
    // Each of these costs a real Argon2 verification, so fewer runs.
    await fuzz(arb, sized(40, 20), (r) => expectHarmless(r));
  });

  it("answers any query string on the case list without a server error", async () => {
    const known = [
      "page",
      "pageSize",
      "channel",
      "status",
      "nature",
      "categoryId",
      "regionCode",
      "from",
      "to",
      "isCollective",
      "isFirstPetition",
      "q",
    ];
    const key = fc.oneof(
      fc.constantFrom(...known),
      fc.constantFrom(...PROTO_KEYS, "a[b]", "q[]", "__proto__[x]"),
      fc.string({ maxLength: 10 }),
    );
    const value = fc.oneof(
      hostileText,
      textWithControl,
      fc.constantFrom("1", "0", "-1", "1e3", "1e400", "0x10", "200", "201", "100001", "true", "TRUE", ""),
      fc.constantFrom(
        "2026-02-29",
        "2024-02-29",
        "0000-01-01",
        "9999-12-31",
        "2026-13-01",
        "990001",
        "990001001",
      ),
      fc.uuid(),
      fc.string({ unit: "binary", maxLength: 120 }),
    );
    // Percent-escapes that do not decode to UTF-8, sent raw.
    const rawValue = fc.constantFrom(
      "%",
      "%zz",
      "%00",
      "%ff%fe",
      "%c3%28",
      "%ed%a0%80",
      "%e4%bd",
      "%%%",
      "%2",
      "+%2B+",
    );
    const pair = fc
      .tuple(key, fc.oneof(value.map(encodeComponent), rawValue))
      .map(([k, v]) => `${encodeComponent(k)}=${v}`);
    const arb = fc.tuple(fc.array(pair, { maxLength: 6 }), fc.constantFrom("&", ";", "&&")).map(
      ([pairs, sep]): FuzzRequest => ({
        method: "GET",
        url: `/api/cases?${pairs.join(sep)}`,
        auth: "reg",
        why: "query string",
      }),
    );
    await fuzz(arb, sized(1500, 100), (r) => expectHarmless(r, { mustRefuse: false }));
  });

  it("answers any case id and petitioner position without a server error", async () => {
    const id = fc.oneof(
      fc.uuid().map((u) => ({ text: u, encoded: u })),
      fc.constant({ text: caseId, encoded: caseId.toUpperCase() }),
      fc
        .oneof(
          badUuid.filter((v): v is string => typeof v === "string"),
          hostileText,
          textWithControl,
        )
        .map((s) => ({ text: s, encoded: encodeComponent(s) })),
      fc
        .constantFrom("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00", "%20", "null")
        .map((s) => ({ text: s, encoded: s })),
    );
    // Longer ids and bad escapes have their own regression test below.
    const shortId = id.filter(
      (i) => i.encoded.length > 0 && i.encoded.length <= 100 && !/%(?![0-9a-fA-F]{2})/.test(i.encoded),
    );
    const position = fc.oneof(
      fc.integer({ min: -5, max: 1_200 }).map(String),
      fc.constantFrom("1e3", "0x10", "1.5", "-0", "99999999999999999999", "NaN", "Infinity", "%20", "0"),
    );
    const arb = fc
      .tuple(shortId, position, fc.constantFrom<Auth>("reg", "reg", "analyst", "anonymous"), fc.boolean())
      .map(
        ([i, pos, auth, identity]): FuzzRequest => ({
          method: "GET",
          url: identity ? `/api/cases/${i.encoded}/petitioners/${pos}/identity` : `/api/cases/${i.encoded}`,
          auth,
          why: `id ${preview(i.text)}${identity ? ` position ${pos}` : ""}`,
        }),
      );
    await fuzz(arb, sized(1000, 60), (r) => expectHarmless(r, { mustRefuse: false }));
  });

  it("refuses bad category creations, unknown parents and taken codes, and writes nothing", async () => {
    const base = { code: "fuzz_cat", nameZh: "测试类别", nameEn: "Test category", sort: 5 };
    const badBody = badBodies(categoryCreateFaults(topCategoryId, childCategoryId), [
      ["nameZh"],
      ["nameEn"],
    ]).map((b) => bodyRequest("POST", "/api/categories", "sysadmin", base, b));
    const takenCode = fc.constantFrom("labor", "labor.wage_arrears", "other").map(
      (code): FuzzRequest => ({
        method: "POST",
        url: "/api/categories",
        auth: "sysadmin",
        contentType: "application/json",
        payload: JSON.stringify({ ...base, code }),
        why: `taken code ${code}`,
      }),
    );
    // Valid bodies from someone who is not the system administrator.
    const notAdmin = fc
      .constantFrom<Auth>("reg", "analyst", "anonymous", "garbage-cookie", "reg-wrong-csrf")
      .map(
        (auth): FuzzRequest => ({
          method: "POST",
          url: "/api/categories",
          auth,
          contentType: "application/json",
          payload: JSON.stringify(base),
          why: `valid body, ${auth}`,
        }),
      );
    const arb = fc.oneof(
      { arbitrary: badBody, weight: 8 },
      { arbitrary: takenCode, weight: 1 },
      { arbitrary: notAdmin, weight: 1 },
    );
    await fuzz(arb, sized(700, 50), (r) => expectHarmless(r));
  });

  it("refuses bad category edits and edits of categories that do not exist, and changes nothing", async () => {
    const validEdit = { nameZh: "改名", sort: 7 };
    const badBody = badBodies(categoryUpdateFaults, [["nameZh"], ["nameEn"]]).map((b) =>
      bodyRequest("PATCH", `/api/categories/${topCategoryId}`, "sysadmin", validEdit, b),
    );
    const unknownId = fc.tuple(unknownUuid, fc.constantFrom<Auth>("sysadmin", "reg", "anonymous")).map(
      ([id, auth]): FuzzRequest => ({
        method: "PATCH",
        url: `/api/categories/${id}`,
        auth,
        contentType: "application/json",
        payload: JSON.stringify(validEdit),
        why: `valid edit of unknown category, ${auth}`,
      }),
    );
    const badId = fc
      .oneof(
        badUuid.filter((v): v is string => typeof v === "string" && v.length > 0),
        hostileText.filter(nonBlank),
      )
      .map(
        (id): FuzzRequest => ({
          method: "PATCH",
          url: `/api/categories/${encodeComponent(id)}`,
          auth: "sysadmin",
          contentType: "application/json",
          payload: JSON.stringify(validEdit),
          why: `bad id ${preview(id)}`,
        }),
      )
      .filter((r) => r.url.length <= "/api/categories/".length + 100);
    const notAdmin = fc.constantFrom<Auth>("reg-wrong-csrf", "reg", "analyst", "anonymous").map(
      (auth): FuzzRequest => ({
        method: "PATCH",
        url: `/api/categories/${topCategoryId}`,
        auth,
        contentType: "application/json",
        payload: JSON.stringify(validEdit),
        why: `valid edit, ${auth}`,
      }),
    );
    const arb = fc.oneof(
      { arbitrary: badBody, weight: 6 },
      { arbitrary: unknownId, weight: 2 },
      { arbitrary: badId, weight: 1 },
      { arbitrary: notAdmin, weight: 1 },
    );
    await fuzz(arb, sized(700, 50), (r) => expectHarmless(r));
  });

  it("refuses bad attachments (names, types, magic bytes, sizes, encodings) and stores no row and no file", async () => {
    const arb = fc.tuple(badUploads(ATTACHMENT_MAX), uploadExtraFields).map(([u, fields]): FuzzRequest => {
      const url = `/api/cases/${caseId}/attachments`;
      if (u.fault === "not-multipart") {
        return {
          method: "POST",
          url,
          auth: "reg",
          contentType: u.contentType,
          payload: u.body,
          why: `not multipart: ${u.contentType}`,
        };
      }
      const boundary = "xf-fuzz-7Hq2";
      const payload = multipartBody(boundary, [
        ...fields.map(([name, data]) => ({ name, data })),
        { name: "file", filename: u.name, contentType: u.type, data: u.data },
      ]);
      return {
        method: "POST",
        url,
        auth: "reg",
        contentType: `multipart/form-data; boundary=${boundary}`,
        payload,
        why: `${u.fault}: name ${preview(u.name)} type ${u.type} ${u.data.length} bytes`,
      };
    });
    await fuzz(arb, sized(800, 50), (r) => expectHarmless(r));
  });

  it("answers bodies over the 1 MiB limit with 413 on every JSON endpoint", async () => {
    const endpoints: [FuzzRequest["method"], string, Auth][] = [
      ["POST", "/api/cases", "reg"],
      ["POST", "/api/public/petitions", "anonymous"],
      ["POST", "/api/public/status", "anonymous"],
      ["POST", "/api/auth/login", "anonymous"],
      ["POST", "/api/categories", "sysadmin"],
      ["PATCH", "/api/categories/00000000-0000-4000-8000-000000000000", "sysadmin"],
    ];
    const arb = fc.tuple(
      fc.constantFrom(...endpoints),
      hugeSize,
      fc.constantFrom("title", "content", "caseNumber", "username", "nameZh"),
    );
    await fuzz(arb, 24, async ([[method, url, auth], size, field]) => {
      // Built here rather than generated, so a failure report does not print 2 MB.
      const res = await expectHarmless({
        method,
        url,
        auth,
        contentType: "application/json",
        payload: JSON.stringify({ [field]: "工".repeat(Math.ceil(size / 3)) }),
        why: `${size} bytes in ${field}`,
      });
      expect(res.statusCode).toBe(413);
      expect(errorCodeOf(res)).toBe("BODY_TOO_LARGE");
    });
  });

  it("leaves Object.prototype unpolluted after all of the above", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

// ---------------------------------------------------------------------------------------------
// Valid submissions changed one field at a time
// ---------------------------------------------------------------------------------------------

describe("a valid submission with one field changed", () => {
  const anyValue = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    hostileText,
    textWithControl,
    textWithLoneSurrogate,
    fc.constant(MISSING),
    fc.constantFrom(...SCRIPT_INJECTIONS, ...SQL_INJECTIONS),
    notAString,
  );

  async function mutateOnce(
    url: string,
    auth: Auth,
    base: Record<string, unknown>,
    paths: readonly (readonly (string | number)[])[],
    runs: number,
  ) {
    const arb = fc.tuple(fc.constantFrom(...paths), anyValue);
    await fc.assert(
      fc.asyncProperty(arb, async ([p, value]) => {
        const faults: Fault[] = [{ path: p, value }];
        const before = await snapshotCounts(t.db);
        const res = await send({
          method: "POST",
          url,
          auth,
          contentType: "application/json",
          payload: encodeBody(applyFaults(base, faults), [], "json", Buffer.alloc(0)).payload,
          why: describeFaults(faults),
        });
        tally.mutations += 1;
        if (res.statusCode >= 500) tally.mutationServerErrors += 1;
        const label = `${describeFaults(faults)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        const after = await snapshotCounts(t.db);
        if (res.statusCode >= 400) {
          expect(typeof errorCodeOf(res), label).toBe("string");
          expect(after, label).toEqual(before);
        } else {
          // Accepted: exactly one more case, nothing else but its own rows.
          expect(after.cases, label).toBe(before.cases! + 1);
          expect(after.case_events, label).toBe(before.case_events! + 1);
        }
      }),
      { numRuns: runs },
    );
  }

  it("never answers a staff registration with a server error", async () => {
    await mutateOnce(
      "/api/cases",
      "reg",
      validCase(),
      [
        [],
        ["channel"],
        ["title"],
        ["content"],
        ["problemRegionCode"],
        ["nature"],
        ["legalClass"],
        ["categoryId"],
        ["petitioners"],
        ["petitioners", 0],
        ["petitioners", 0, "name"],
        ["petitioners", 0, "idNumber"],
        ["petitioners", 0, "phone"],
        ["petitioners", 0, "address"],
        ["petitioners", 0, "householdRegionCode"],
        ["petitioners", 0, "isRepresentative"],
        ["headcount"],
        ["batchCount"],
        ["destinationLevel"],
        ["isAnonymous"],
        ["isConfidential"],
        ["accusedUnitId"],
        ["referralSource"],
        ["referralNumber"],
        ["receivedAt"],
      ],
      sized(500, 40),
    );
  });

  it("never answers an online petition with a server error", async () => {
    await mutateOnce(
      "/api/public/petitions",
      "anonymous",
      validPetition(),
      [
        [],
        ["title"],
        ["content"],
        ["problemRegionCode"],
        ["nature"],
        ["legalClass"],
        ["categoryId"],
        ["petitioner"],
        ["petitioner", "name"],
        ["petitioner", "idNumber"],
        ["petitioner", "phone"],
        ["petitioner", "address"],
        ["consentPrivacy"],
      ],
      sized(500, 40),
    );
  });

  it("registers hostile but valid names, and the repeat check reads them as text, not patterns", async () => {
    // A stored name once became part of a regular expression: every later petition of the same
    // phone under a nickname (or under the hostile name itself) was then refused with a 500.
    const names = [...SQL_INJECTIONS, ...SCRIPT_INJECTIONS, "张三(代)", "[王五", "李四\\"].filter(
      (n) => n.length <= 50, // the longest name the schema takes
    );
    const register = async (name: string, url: "/api/cases" | "/api/public/petitions") => {
      const online = url === "/api/public/petitions";
      const body = online
        ? { ...validPetition(), petitioner: { ...(validPetition().petitioner as object), name } }
        : { ...validCase(), petitioners: [{ ...(validCase().petitioners as object[])[0], name }] };
      const res = await send({
        method: "POST",
        url,
        auth: online ? "anonymous" : "reg",
        contentType: "application/json",
        payload: JSON.stringify(body),
        why: `name ${name}`,
      });
      expect(res.statusCode, `${url} ${name}: ${res.body}`).toBe(201);
    };
    for (const name of names) {
      await register(name, "/api/cases");
      await register(name, "/api/public/petitions");
    }
    for (const name of ["清风徐来", ...names.slice(0, 3)]) await register(name, "/api/cases");
  });

  it("stores hostile but valid text verbatim, as data", async () => {
    const text = fc.constantFrom(...SQL_INJECTIONS, ...SCRIPT_INJECTIONS).map((s) => `x${s}x`);
    await fc.assert(
      fc.asyncProperty(text, text, async (title, content) => {
        const res = await send({
          method: "POST",
          url: "/api/cases",
          auth: "reg",
          contentType: "application/json",
          payload: JSON.stringify({ ...validCase(), title, content }),
          why: "hostile valid text",
        });
        expect(res.statusCode, res.body).toBe(201);
        const got = await send({
          method: "GET",
          url: `/api/cases/${res.json<{ id: string }>().id}`,
          auth: "reg",
          why: "read back",
        });
        expect(got.json()).toMatchObject({ title, content });
      }),
      { numRuns: sized(30, 10) },
    );
    const tables = await t.db.query("SELECT 1 FROM cases LIMIT 1");
    expect(tables.rows).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Known bugs: each test below fails today and describes what the code should do
// ---------------------------------------------------------------------------------------------

describe("regressions: input that once slipped through", () => {
  const probe = (r: Omit<FuzzRequest, "auth"> & { auth?: Auth }) =>
    expectHarmless({ auth: "reg", ...r }, { mustRefuse: true, counter: "probes" });

  it("answers malformed multipart framing with a 4xx in the error format, not 500", async () => {
    const part = `Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF_MAGIC}x`;
    const cases = [
      {
        contentType: "multipart/form-data",
        body: `--b\r\n${part}\r\n--b--\r\n`,
        why: "no boundary parameter",
      },
      { contentType: "multipart/form-data; boundary=b", body: "garbage", why: "no parts at all" },
      {
        contentType: "multipart/form-data; boundary=b",
        body: `--other\r\n${part}\r\n--other--\r\n`,
        why: "boundary mismatch",
      },
    ];
    for (const c of cases) {
      await probe({
        method: "POST",
        url: `/api/cases/${caseId}/attachments`,
        contentType: c.contentType,
        payload: c.body,
        why: c.why,
      });
    }
  });

  it("refuses a file name with a directory part instead of silently keeping only its last segment", async () => {
    const boundary = "xf-trav";
    for (const name of ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "sub/dir/a.pdf"]) {
      const res = await probe({
        method: "POST",
        url: `/api/cases/${caseId}/attachments`,
        contentType: `multipart/form-data; boundary=${boundary}`,
        payload: multipartBody(boundary, [
          { name: "file", filename: name, contentType: "application/pdf", data: tinyPdf(name) },
        ]),
        why: `file name ${name}`,
      });
      expect(errorCodeOf(res)).toBe("ATTACHMENT_NAME_INVALID");
    }
  });

  it("refuses a JSON body that is not valid UTF-8 instead of storing U+FFFD in its place", async () => {
    const endpoints = [
      { url: "/api/public/petitions", auth: "anonymous" as const, base: validPetition(), field: "title" },
      { url: "/api/cases", auth: "reg" as const, base: validCase(), field: "content" },
    ];
    for (const e of endpoints) {
      for (const bytes of INVALID_UTF8_SEQUENCES) {
        const json = JSON.stringify({ ...e.base, [e.field]: "甲@@bytes@@乙" });
        await probe({
          method: "POST",
          url: e.url,
          auth: e.auth,
          contentType: "application/json",
          payload: spliceBytes(json, "@@bytes@@", bytes),
          why: `bytes ${bytes.toString("hex")} inside ${e.field}`,
        });
      }
    }
  });

  it("refuses a received time before the year 1000 with a 4xx instead of a 500", async () => {
    for (const receivedAt of ["0001-01-01T00:00:00Z", "0999-12-31T00:00:00Z", "0000-01-01T00:00:00Z"]) {
      await probe({
        method: "POST",
        url: "/api/cases",
        contentType: "application/json",
        payload: JSON.stringify({ ...validCase(), receivedAt }),
        why: `receivedAt ${receivedAt}`,
      });
    }
  });

  it("answers a malformed or overlong path parameter in the API's error format", async () => {
    for (const url of [
      "/api/cases/%",
      "/api/cases/%E0%A4%A",
      "/api/cases/%zz/petitioners/0/identity",
      `/api/cases/${"a".repeat(101)}`,
      `/api/categories/${"0".repeat(150)}`,
    ]) {
      await probe({ method: "GET", url, why: "bad path" });
    }
  });
});

describe("the tally", () => {
  it("sent at least 10,000 bad inputs (700 in the quick run) and none of them caused a server error", () => {
    console.log(`fuzz (${depthLabel()}): ${tally.bad} bad inputs, ${tally.badServerErrors} server errors`);
    expect(tally.bad).toBeGreaterThanOrEqual(sized(10_000, 700));
    expect(tally.badServerErrors).toBe(0);
    expect(tally.mutationServerErrors).toBe(0);
  });
});
