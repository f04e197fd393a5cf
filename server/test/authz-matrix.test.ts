import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertNetwork } from "../seed/seed-demo.ts";
import { caseInput, makeNetwork, TEST_USERS, testPasswordHash } from "./factories.ts";
import { filesIn, multipartBody, tinyPdf } from "./fuzz-arbitraries.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "./harness.ts";

/**
 * Who may do what to which case, checked cell by cell over HTTP. The expectations come from the
 * literal tables below, written from the rules — never from the app's own policy functions — so
 * a change in the policy code that changes an answer fails here.
 */

type Username =
  | "reg"
  | "office"
  | "bleader"
  | "leader"
  | "analyst"
  | "rsj"
  | "gaj"
  | "town1"
  | "town2"
  | "village1"
  | "sysadmin"
  | "secadmin"
  | "auditadmin";

const USERS: readonly Username[] = [
  "reg",
  "office",
  "bleader",
  "leader",
  "analyst",
  "rsj",
  "gaj",
  "town1",
  "town2",
  "village1",
  "sysadmin",
  "secadmin",
  "auditadmin",
];

/** Bureau and county leadership: every case of county c (unless their own unit is accused). */
const COUNTY_WIDE: readonly Username[] = ["reg", "office", "bleader", "leader", "analyst"];

/** Only the registrar and the bureau office may see full ID and phone numbers. */
const MAY_REVEAL_IDENTITY: readonly Username[] = ["reg", "office"];

/** Registrar, bureau office and local staff may add attachments to a case they can read. */
const MAY_ATTACH: readonly Username[] = ["reg", "office", "town1", "town2", "village1"];

type CaseKey =
  | "t1Village"
  | "t1Township"
  | "t2Village"
  | "county"
  | "accusesRsj"
  | "accusesTown1"
  | "accusesVillage1"
  | "confidential"
  | "accusesNobody"
  | "liftedAccusesVillage1"
  | "liftedAccusesNobody"
  | "assignedToRsj"
  | "ghost";

interface CaseFixture {
  /** What the case is, in words, for failure messages. */
  what: string;
  regionCode: string;
  /** The region path the registration must resolve to (checked, so the table below stays true). */
  regionPath: string;
  accusedUnitPath?: string;
  isConfidential?: boolean;
  /** An accusation (with or without an accused unit). */
  accusation?: boolean;
  /** The bureau office lifted the accusation's confidentiality after registration. */
  lifted?: boolean;
  assignments?: { unitPath: string; role: "lead" | "assist" }[];
}

const CASES: Record<Exclude<CaseKey, "ghost">, CaseFixture> = {
  t1Village: { what: "a case in 甲村 under 甲镇", regionCode: "990001001001", regionPath: "c.t1.v1" },
  t1Township: { what: "a case at 甲镇 township level", regionCode: "990001001", regionPath: "c.t1" },
  t2Village: { what: "a case in 乙村 under 乙乡", regionCode: "990001002001", regionPath: "c.t2.v1" },
  county: { what: "a county-level case", regionCode: "990001", regionPath: "c" },
  accusesRsj: {
    what: "an accusation against 人社局 in 甲村, assigned to 人社局 (lead) and 公安局 (assist)",
    regionCode: "990001001001",
    regionPath: "c.t1.v1",
    accusedUnitPath: "c.rsj",
    assignments: [
      { unitPath: "c.rsj", role: "lead" },
      { unitPath: "c.gaj", role: "assist" },
    ],
  },
  accusesTown1: {
    what: "an accusation against 甲镇 in 甲村",
    regionCode: "990001001001",
    regionPath: "c.t1.v1",
    accusedUnitPath: "c.t1",
  },
  accusesVillage1: {
    what: "an accusation against 甲村 in 甲村",
    regionCode: "990001001001",
    regionPath: "c.t1.v1",
    accusedUnitPath: "c.t1.v1",
  },
  confidential: {
    what: "a confidential case in 乙村",
    regionCode: "990001002001",
    regionPath: "c.t2.v1",
    isConfidential: true,
  },
  accusesNobody: {
    what: "an accusation in 甲村 with no accused unit recorded",
    regionCode: "990001001001",
    regionPath: "c.t1.v1",
    accusation: true,
  },
  liftedAccusesVillage1: {
    what: "an accusation against 甲村 in 甲村 whose confidentiality the bureau lifted",
    regionCode: "990001001001",
    regionPath: "c.t1.v1",
    accusedUnitPath: "c.t1.v1",
    lifted: true,
  },
  liftedAccusesNobody: {
    what: "an accusation in 甲村 with no accused unit whose confidentiality the bureau lifted",
    regionCode: "990001001001",
    regionPath: "c.t1.v1",
    accusation: true,
    lifted: true,
  },
  assignedToRsj: {
    what: "a case at 乙乡 township level assigned to 人社局",
    regionCode: "990001002",
    regionPath: "c.t2",
    assignments: [{ unitPath: "c.rsj", role: "lead" }],
  },
};

/**
 * THE TABLE: who may read each case. Written out by hand from the rules:
 * - county-wide roles read every case of county c;
 * - local staff read cases within their own area (town1: c.t1 and below; town2: c.t2 and below;
 *   village1: c.t1.v1 and below);
 * - local staff never read a confidential case by area (every accusation is confidential from
 *   registration until the bureau lifts it);
 * - unit staff read only cases assigned to their unit;
 * - the accused unit, every unit below it and every unit above it short of the county never read
 *   the accusation, even when assigned, lifted or not;
 * - the three administrators read nothing.
 */
const READERS: Record<CaseKey, readonly Username[]> = {
  t1Village: [...COUNTY_WIDE, "town1", "village1"],
  t1Township: [...COUNTY_WIDE, "town1"], // village1 is below 甲镇, not above it
  t2Village: [...COUNTY_WIDE, "town2"],
  county: [...COUNTY_WIDE], // no township or village covers the county itself
  accusesRsj: [...COUNTY_WIDE, "gaj"], // rsj is assigned but accused; confidential from the area
  accusesTown1: [...COUNTY_WIDE], // town1 accused, village1 is below the accused unit
  accusesVillage1: [...COUNTY_WIDE], // the township above the accused village does not read it either
  confidential: [...COUNTY_WIDE], // a confidential case is the bureau's and the units it assigns
  accusesNobody: [...COUNTY_WIDE], // confidential from registration, accused unit or not
  liftedAccusesVillage1: [...COUNTY_WIDE], // lifted, but the accused village and its township stay out
  liftedAccusesNobody: [...COUNTY_WIDE, "town1", "village1"], // lifted: the area reads it
  assignedToRsj: [...COUNTY_WIDE, "town2", "rsj"],
  ghost: [], // an id that exists nowhere
};

type Subject = Username | "anonymous";
const SUBJECTS: readonly Subject[] = [...USERS, "anonymous"];
const CASE_KEYS = Object.keys(READERS) as CaseKey[];

function mayRead(s: Subject, k: CaseKey): boolean {
  return s !== "anonymous" && READERS[k].includes(s);
}

function expectedDetail(s: Subject, k: CaseKey): number {
  if (s === "anonymous") return 401;
  return mayRead(s, k) ? 200 : 404;
}

function expectedIdentity(s: Subject, k: CaseKey): number {
  if (s === "anonymous") return 401;
  if (!mayRead(s, k)) return 404;
  return MAY_REVEAL_IDENTITY.includes(s) ? 200 : 403;
}

function expectedAttach(s: Subject, k: CaseKey): number {
  if (s === "anonymous") return 401;
  if (!mayRead(s, k)) return 404;
  return MAY_ATTACH.includes(s) ? 201 : 403;
}

/** The abilities this table speaks about; others (workflow actions) may come and go. */
const CHECKED_ABILITIES = ["read", "read_sensitive", "attach"] as const;

function expectedAbilities(u: Username): string[] {
  return CHECKED_ABILITIES.filter(
    (a) => a === "read" || (a === "read_sensitive" ? MAY_REVEAL_IDENTITY : MAY_ATTACH).includes(u),
  );
}

let t: TestContext;
const sessions = new Map<Subject, Session | null>();
const ids = {} as Record<CaseKey, string>;
let cells = 0;
let assertions = 0;
const mismatches: string[] = [];

/** Compares one value; a mismatch is collected so a run reports every wrong cell, not just the first. */
function check(label: string, actual: unknown, expected: unknown): void {
  assertions += 1;
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    mismatches.push(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** One cell of the matrix: the status a subject gets from one endpoint for one case (or list). */
function cell(label: string, status: number, expected: number): void {
  cells += 1;
  check(label, status, expected);
}

function session(s: Subject): Session | null {
  const found = sessions.get(s);
  if (found === undefined) throw new Error(`no session for ${s}`);
  return found;
}

const BOUNDARY = "----xf-matrix-boundary";
let uploads = 0;

function upload(s: Subject, caseId: string): Promise<LightMyRequestResponse> {
  const sess = session(s);
  uploads += 1;
  return t.app.inject({
    method: "POST",
    url: `/api/cases/${caseId}/attachments`,
    headers: {
      ...(sess ? { cookie: sess.cookie, "x-csrf-token": sess.csrf } : {}),
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload: multipartBody(BOUNDARY, [
      {
        name: "file",
        filename: "材料.pdf",
        contentType: "application/pdf",
        data: tinyPdf(`${s}-${caseId}-${uploads}`),
      },
    ]),
  });
}

async function sensitiveViews(caseId: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_log WHERE action = 'sensitive_view' AND object_id = $1",
    [`${caseId}/0`],
  );
  return rows[0]!.n;
}

function errorCode(res: LightMyRequestResponse): string | null {
  try {
    const body = res.json<{ error?: { code?: unknown } }>();
    return typeof body.error?.code === "string" ? body.error.code : null;
  } catch {
    return null;
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  expect(TEST_USERS.map((u) => u.username).sort()).toEqual([...USERS].sort());
  for (const u of USERS) sessions.set(u, await login(t.app, u));
  sessions.set("anonymous", null);

  const units = new Map(
    (await t.db.query<{ id: string; path: string }>("SELECT id, path FROM org_units")).rows.map((r) => [
      r.path,
      r.id,
    ]),
  );
  const unitId = (p: string) => {
    const id = units.get(p);
    if (!id) throw new Error(`no unit ${p}`);
    return id;
  };
  const reg = as(t.app, session("reg"));
  for (const [key, c] of Object.entries(CASES) as [Exclude<CaseKey, "ghost">, CaseFixture][]) {
    const res = await reg.post(
      "/api/cases",
      caseInput({
        title: `${c.what}：反映拖欠农民工工资问题`,
        problemRegionCode: c.regionCode,
        ...(c.accusedUnitPath || c.accusation ? { nature: "accusation", legalClass: "accusation" } : {}),
        ...(c.accusedUnitPath ? { accusedUnitId: unitId(c.accusedUnitPath) } : {}),
        ...(c.isConfidential ? { isConfidential: true } : {}),
      }),
    );
    if (res.statusCode !== 201) throw new Error(`fixture ${key}: ${res.statusCode} ${res.body}`);
    ids[key] = res.json<{ id: string }>().id;
    if (c.lifted) {
      const lifted = await as(t.app, session("office")).put(`/api/cases/${ids[key]}/confidentiality`, {
        isConfidential: false,
        reason: "经研究不再保密",
      });
      if (lifted.statusCode !== 200) throw new Error(`fixture ${key}: ${lifted.statusCode} ${lifted.body}`);
    }
    for (const a of c.assignments ?? []) {
      await t.db.query(
        `INSERT INTO case_assignments (case_id, unit_id, role, status)
         VALUES ($1, (SELECT id FROM org_units WHERE path = $2), $3, 'pending')`,
        [ids[key], a.unitPath, a.role],
      );
    }
  }
  ids.ghost = "7d444840-9dc0-4f3b-9a1e-2b0c4d6f0e11";
});

afterAll(() => t.close());

describe("the authorization matrix", () => {
  // Each test reports every wrong cell of its own, not those of the tests before it.
  beforeEach(() => {
    mismatches.length = 0;
  });

  it("builds the fixture the table describes: regions, accused units and assignments as written", async () => {
    const { rows } = await t.db.query<{ id: string; region_path: string; accused_path: string | null }>(
      "SELECT id, region_path, accused_path FROM cases",
    );
    expect(rows).toHaveLength(Object.keys(CASES).length);
    for (const [key, c] of Object.entries(CASES) as [Exclude<CaseKey, "ghost">, CaseFixture][]) {
      const row = rows.find((r) => r.id === ids[key]);
      expect(row, key).toMatchObject({ region_path: c.regionPath, accused_path: c.accusedUnitPath ?? null });
    }
    const ghost = await t.db.query("SELECT 1 FROM cases WHERE id = $1", [ids.ghost]);
    expect(ghost.rows).toHaveLength(0);
  });

  it("answers a case detail with 200 to readers, 404 to everyone else (never 403), 401 without a session", async () => {
    const hiddenBodies = new Set<string>();
    for (const s of SUBJECTS) {
      for (const k of CASE_KEYS) {
        const res = await as(t.app, session(s)).get(`/api/cases/${ids[k]}`);
        const label = `${s} GET /api/cases/:id of ${k}`;
        cell(label, res.statusCode, expectedDetail(s, k));
        if (res.statusCode === 200 && s !== "anonymous") {
          const body = res.json<{ id: string; abilities: string[]; petitioners: { name: string }[] }>();
          check(`${label} id`, body.id, ids[k]);
          check(
            `${label} abilities`,
            CHECKED_ABILITIES.filter((a) => body.abilities.includes(a)),
            expectedAbilities(s),
          );
          // The accuser's and a confidential petitioner's identity: the registrar and office only.
          if (k === "confidential" || k.startsWith("accuses") || k.startsWith("lifted")) {
            const hidden = !MAY_REVEAL_IDENTITY.includes(s);
            check(`${label} petitioner name hidden`, body.petitioners[0]?.name === "（保密）", hidden);
          }
        }
        if (res.statusCode === 404) {
          check(`${label} code`, errorCode(res), "CASE_NOT_FOUND");
          // A hidden case and a case that does not exist must answer byte for byte the same.
          hiddenBodies.add(res.body);
        }
      }
    }
    expect(hiddenBodies.size).toBe(1);
    expect(mismatches).toEqual([]);
  });

  it("reveals full identity only to the registrar and bureau office, 403 to other readers, 404 to non-readers", async () => {
    for (const s of SUBJECTS) {
      for (const k of CASE_KEYS) {
        const before = k === "ghost" ? 0 : await sensitiveViews(ids[k]);
        const res = await as(t.app, session(s)).get(`/api/cases/${ids[k]}/petitioners/0/identity`);
        const label = `${s} GET identity of ${k}`;
        const expected = expectedIdentity(s, k);
        cell(label, res.statusCode, expected);
        if (expected === 200) {
          check(
            `${label} full ID number`,
            /^\d{17}[\dX]$/.test(res.json<{ idNumber: string }>().idNumber),
            true,
          );
        } else {
          check(
            `${label} code`,
            errorCode(res),
            { 401: "AUTH_REQUIRED", 403: "FORBIDDEN", 404: "CASE_NOT_FOUND" }[expected],
          );
        }
        // Every reveal leaves exactly one audit row; a refusal leaves none.
        if (k !== "ghost")
          check(`${label} audit rows`, (await sensitiveViews(ids[k])) - before, expected === 200 ? 1 : 0);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("lets only attaching readers upload, and a refused upload writes no row and no file", async () => {
    const filesDir = path.join(t.config.dataDir, "files");
    for (const s of SUBJECTS) {
      for (const k of CASE_KEYS) {
        const before = await snapshotCounts(t.db);
        const filesBefore = filesIn(filesDir);
        const res = await upload(s, ids[k]);
        const label = `${s} POST attachment to ${k}`;
        const expected = expectedAttach(s, k);
        cell(label, res.statusCode, expected);
        const after = await snapshotCounts(t.db);
        if (expected === 201) {
          check(`${label} rows`, after, { ...before, case_attachments: before.case_attachments! + 1 });
          check(`${label} new files`, filesIn(filesDir).length - filesBefore.length, 1);
        } else {
          check(
            `${label} code`,
            errorCode(res),
            { 401: "AUTH_REQUIRED", 403: "FORBIDDEN", 404: "CASE_NOT_FOUND" }[expected],
          );
          check(`${label} rows unchanged`, after, before);
          check(
            `${label} new files`,
            filesIn(filesDir).filter((f) => !filesBefore.includes(f)),
            [],
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("lists exactly the cases each user may open, with a total that counts them", async () => {
    for (const s of SUBJECTS) {
      const res = await as(t.app, session(s)).get("/api/cases?pageSize=200");
      const label = `${s} GET /api/cases`;
      if (s === "anonymous") {
        cell(label, res.statusCode, 401);
        continue;
      }
      cell(label, res.statusCode, 200);
      const body = res.json<{ items: { id: string }[]; total: number }>();
      const expected = CASE_KEYS.filter((k) => mayRead(s, k)).map((k) => ids[k]);
      check(`${label} ids`, body.items.map((i) => i.id).sort(), [...expected].sort());
      check(`${label} total`, body.total, expected.length);
    }
    expect(mismatches).toEqual([]);
  });

  it("searches only within the cases each user may open", async () => {
    for (const s of SUBJECTS) {
      for (const [q, matchesAll] of [
        ["工资", true],
        ["征地拆迁", false],
      ] as const) {
        const res = await as(t.app, session(s)).get(`/api/cases?pageSize=200&q=${encodeURIComponent(q)}`);
        const label = `${s} GET /api/cases?q=${q}`;
        if (s === "anonymous") {
          cell(label, res.statusCode, 401);
          continue;
        }
        cell(label, res.statusCode, 200);
        const body = res.json<{ items: { id: string }[]; total: number }>();
        const expected = matchesAll ? CASE_KEYS.filter((k) => mayRead(s, k)).map((k) => ids[k]) : [];
        check(`${label} ids`, body.items.map((i) => i.id).sort(), [...expected].sort());
        check(`${label} total`, body.total, expected.length);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("covers every subject against every case on every endpoint", () => {
    // Per subject and case: detail, identity and upload; per subject: one list and two searches.
    const floor = SUBJECTS.length * CASE_KEYS.length * 3 + SUBJECTS.length * 3;
    console.log(`authorization matrix: ${cells} cells checked (${assertions} assertions)`);
    expect(cells).toBeGreaterThanOrEqual(floor);
  });
});

describe("unit codes containing a LIKE wildcard", () => {
  // Unit codes may contain '_' (org_units.path CHECK allows [a-z0-9_]), which is a LIKE wildcard.
  // Several subtree checks build `path LIKE other_path || '.%'` without escaping it (subtreePattern
  // exists for exactly this and is used elsewhere). This test FAILS today: see the report.
  let w: TestContext;

  beforeAll(async () => {
    w = await startTestApp();
    await makeNetwork(w.db);
    await insertNetwork(
      w.db,
      [
        { code: "a_b", parent: "c", kind: "department", name: "甲_乙局", regionCode: "990001" },
        { code: "axb", parent: "c", kind: "department", name: "甲乙局", regionCode: "990001" },
        { code: "s1", parent: "c.axb", kind: "department", name: "甲乙局一科", regionCode: "990001" },
        { code: "t_3", parent: "c", kind: "township", name: "丙_镇", regionCode: "990001003" },
        { code: "tx3", parent: "c", kind: "township", name: "丁镇", regionCode: "990001004" },
        { code: "v1", parent: "c.tx3", kind: "village", name: "丁村", regionCode: "990001004001" },
      ],
      [
        {
          username: "axbs1",
          displayName: "甲乙局一科",
          unitPath: "c.axb.s1",
          roles: ["unit_staff"],
          note: "",
        },
      ],
      await testPasswordHash(),
    );
  });

  afterAll(() => w.close());

  it("treats '_' in unit codes literally in the accused-unit rule and in the region filter", async () => {
    const reg = as(w.app, await login(w.app, "reg"));
    const unit = async (p: string) =>
      (await w.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [p])).rows[0]!.id;

    // An accusation against c.a_b, assigned to c.axb.s1 — which is not below c.a_b.
    const accusation = await reg.post(
      "/api/cases",
      caseInput({ nature: "accusation", legalClass: "accusation", accusedUnitId: await unit("c.a_b") }),
    );
    const accusationId = accusation.json<{ id: string }>().id;
    await w.db.query(
      "INSERT INTO case_assignments (case_id, unit_id, role, status) VALUES ($1, $2, 'lead', 'pending')",
      [accusationId, await unit("c.axb.s1")],
    );
    const staff = as(w.app, await login(w.app, "axbs1"));
    expect
      .soft((await staff.get(`/api/cases/${accusationId}`)).statusCode, "c.axb.s1 reads its assigned case")
      .toBe(200);

    // A case in 丁村 (c.tx3.v1) must not match a filter on 丙_镇 (c.t_3, region 990001003).
    const inTx3 = (await reg.post("/api/cases", caseInput({ problemRegionCode: "990001004001" }))).json<{
      id: string;
    }>().id;
    const filtered = await reg.get("/api/cases?pageSize=200&regionCode=990001003");
    expect
      .soft(
        filtered.json<{ items: { id: string }[] }>().items.map((i) => i.id),
        "filter on c.t_3",
      )
      .not.toContain(inTx3);
  });
});

describe("the administrators' cross-actions (三员分立)", () => {
  // Every account action, by every administrator and a business user, on every administrator and on
  // a business account: a literal table written from the rules. The system administrator runs
  // accounts but never grants; the security administrator grants business roles and nothing else;
  // the audit administrator only reads the log; nobody acts on another administrator alone.
  let w: TestContext;
  type Actor = "sysadmin" | "secadmin" | "auditadmin" | "office";
  type Target = "sysadmin" | "secadmin" | "auditadmin" | "clerk";
  type Action = "reset" | "deactivate" | "activate" | "edit" | "roles";
  const ACTORS: readonly Actor[] = ["sysadmin", "secadmin", "auditadmin", "office"];
  const TARGETS: readonly Target[] = ["sysadmin", "secadmin", "auditadmin", "clerk"];
  const ACTIONS: readonly Action[] = ["reset", "deactivate", "activate", "edit", "roles"];
  /** The cells that succeed; every other cell answers 403 and changes nothing. */
  const ALLOWED: Partial<Record<Actor, Partial<Record<Target, readonly Action[]>>>> = {
    sysadmin: { clerk: ["reset", "deactivate", "activate", "edit"] },
    secadmin: { clerk: ["roles"] },
  };
  const sessions = new Map<Actor, Session>();
  const row = async (username: string) =>
    (
      await w.db.query<{
        id: string;
        roles: string[];
        password_hash: string;
        is_active: boolean;
        unit_id: string;
      }>("SELECT id, roles, password_hash, is_active, unit_id FROM users WHERE username = $1", [username])
    ).rows[0]!;

  beforeAll(async () => {
    w = await startTestApp();
    await makeNetwork(w.db);
    await insertNetwork(
      w.db,
      [],
      [{ username: "clerk", displayName: "乙乡办事员", unitPath: "c.t2", roles: ["local_staff"], note: "" }],
      await testPasswordHash(),
    );
    for (const a of ACTORS) sessions.set(a, await login(w.app, a));
  });
  afterAll(() => w.close());

  it("answers every cell as the table says, and a refused cell changes nothing", async () => {
    const wrong: string[] = [];
    for (const actor of ACTORS) {
      for (const target of TARGETS) {
        if (actor === target) continue; // one's own account is changed through /api/auth, not here
        for (const action of ACTIONS) {
          const before = await row(target);
          const api = as(w.app, sessions.get(actor)!);
          const url = `/api/admin/users/${before.id}`;
          const res =
            action === "reset"
              ? await api.post(`${url}/reset-password`, { password: "Cross-Action-Passw0rd" })
              : action === "deactivate"
                ? await api.post(`${url}/deactivate`)
                : action === "activate"
                  ? await api.post(`${url}/activate`)
                  : action === "edit"
                    ? await api.patch(url, { unitId: before.unit_id })
                    : await api.put(`${url}/roles`, {
                        roles: target === "clerk" ? ["local_staff"] : ["registrar"],
                      });
          const allowed = ALLOWED[actor]?.[target]?.includes(action) ?? false;
          const expected = allowed ? 200 : 403;
          if (res.statusCode !== expected)
            wrong.push(`${actor} ${action} ${target}: ${res.statusCode}, expected ${expected}`);
          if (!allowed && JSON.stringify(await row(target)) !== JSON.stringify(before))
            wrong.push(`${actor} ${action} ${target}: refused but the account changed`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The business account ends as it began: active, its one role, in its unit.
    expect(await row("clerk")).toMatchObject({ is_active: true, roles: ["local_staff"] });
  });
});
