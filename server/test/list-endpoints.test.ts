import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ROLES, type Role } from "../../domain/auth/roles.ts";
import { scanDeadlines } from "../jobs/deadline-scan.ts";
import { runWarningsDaily } from "../jobs/warnings-daily.ts";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from "../seed/demo-network.ts";
import { seedDemoCases, seedDemoNetwork } from "../seed/seed-demo.ts";
import { caseInput } from "./factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "./harness.ts";

/**
 * Every list endpoint of the API — a GET whose answer is a collection (`{ items: [...] }`, the
 * API's list shape, or a bare array) — called with its default query by every demo user, one per
 * role, and without a session. The endpoints come from the router's own table, so a list added
 * later is called here too, and the test fails until the table below says who may call it.
 *
 * Twice: on the demo county's network before any record exists, and on the demo county with its
 * cases, bureau records, deadline alerts and warnings (`npm start`'s data), so the lists present
 * real rows. The expectations are written from the rules, never read from the routes' policies.
 */

/** A list that answers anyone, without a session (the citizens' portal). */
const ANYONE = "anyone";
/** A list every signed-in user may call; each sees only what their jurisdiction holds. */
const STAFF = "staff";

/** A record a nested list belongs to (its `{id}`), chosen for the demo pass in `beforeAll`. */
type ParentKey = "case" | "receptionDay";

interface ListRule {
  who: typeof ANYONE | typeof STAFF | readonly Role[];
  /** Cases or the bureau's records: the three administrators (三员分立) get an empty list. */
  records?: true;
  parent?: ParentKey;
}

const COUNTY_WIDE: readonly Role[] = [
  "registrar",
  "bureau_office",
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
  "analyst",
];

/** The three administrators (三员分立): they hold no case and no bureau record. */
const ADMINS: readonly Role[] = ["system_admin", "security_admin", "audit_admin"];

/** THE TABLE: who may call each list. */
const LISTS: Record<string, ListRule> = {
  // The org network and categories every form needs; the management view for the administrators
  // who keep the network and the accounts.
  "/api/org/units": { who: STAFF },
  "/api/org/units/all": { who: ["system_admin", "security_admin"] },
  "/api/categories": { who: STAFF },
  "/api/admin/users": { who: ["system_admin", "security_admin"] },
  // Two-person resets of an administrator's password: the three administrators.
  "/api/admin/admin-resets": { who: ADMINS },
  // The audit log is the audit administrator's alone.
  "/api/audit": { who: ["audit_admin"] },
  // Document templates: the county-wide roles that issue documents, and the system administrator.
  "/api/settings/templates": { who: [...COUNTY_WIDE, "system_admin"] },
  // Cases and what hangs on them, through the case policy.
  "/api/cases": { who: STAFF, records: true },
  "/api/search/cases": { who: STAFF, records: true },
  "/api/todos": { who: STAFF, records: true },
  "/api/alerts": { who: STAFF, records: true },
  "/api/cases/{id}/warnings": { who: STAFF, records: true, parent: "case" },
  // The routing catalogue: those who register cases, and its editors.
  "/api/triage/routes": { who: ["registrar", "bureau_office", "local_staff", "system_admin"] },
  // Warnings across cases: the bureau, leaders, analysts and the townships; the daily digest is
  // for the county-wide readers; the sensitive-period calendar is also kept by the system admin.
  "/api/warnings": {
    who: ["bureau_office", "bureau_leader", "leader_in_charge", "principal_leader", "analyst", "local_staff"],
  },
  "/api/warnings/digests": {
    who: ["bureau_office", "bureau_leader", "leader_in_charge", "principal_leader", "analyst"],
  },
  "/api/warnings/sensitive-periods": {
    who: [
      "bureau_office",
      "bureau_leader",
      "leader_in_charge",
      "principal_leader",
      "analyst",
      "local_staff",
      "system_admin",
    ],
  },
  // The citizens' portal.
  "/api/public/regions": { who: ANYONE },
  "/api/public/reception/days": { who: ANYONE },
  // 常见问题: the public answers and the categories a citizen picks from.
  "/api/public/knowledge/categories": { who: ANYONE },
  "/api/public/knowledge/answers": { who: ANYONE },
  // The knowledge base: every role that handles cases; never the three administrators.
  "/api/knowledge/entries": {
    who: [...COUNTY_WIDE, "unit_staff", "unit_leader", "local_staff"],
  },
  // The bureau's records (docs/BUREAU.md): every staff member, within the jurisdiction rule.
  "/api/bureau/reception/days": { who: STAFF, records: true },
  "/api/bureau/reception/days/{id}/appointments": { who: STAFF, records: true, parent: "receptionDay" },
  "/api/bureau/reception/records": { who: STAFF, records: true },
  "/api/bureau/reception/outreach": { who: STAFF, records: true },
  "/api/bureau/ownership": { who: STAFF, records: true },
  "/api/bureau/disputes": { who: STAFF, records: true },
  "/api/bureau/disputes/campaigns": { who: STAFF, records: true },
  "/api/bureau/supervision/items": { who: STAFF, records: true },
  "/api/bureau/supervision/bulletins": { who: STAFF, records: true },
  "/api/bureau/duty/shifts": { who: STAFF, records: true },
  "/api/bureau/duty/current": { who: STAFF, records: true },
  // Whom a roster may name: for those who draw rosters up.
  "/api/bureau/duty/officers": { who: ["bureau_office", "bureau_leader", "local_staff"] },
  "/api/bureau/backlog": { who: STAFF, records: true },
  "/api/bureau/backlog/suggestions": { who: STAFF, records: true },
  "/api/bureau/conferences": { who: STAFF, records: true },
  "/api/bureau/conferences/decisions": { who: STAFF, records: true },
  // Fields per category: every form reads the current sets (each user sees the fields their role may).
  "/api/fields/sets": { who: STAFF },
};

/** List routes this test does not call, with the reason. */
const SKIPPED: Record<string, string> = {
  "/api/fields/sets/{categoryId}/versions":
    "nested under a category, not a case or reception day; the system administrator alone, tested in server/routes/fields/fields.test.ts",
  "/api/knowledge/entries/{id}/history":
    "the versions of one knowledge-base entry; no demo entry id is chosen here (server/routes/knowledge/knowledge.test.ts)",
};

/**
 * Who reads each parent record of the demo pass, by demo user:
 * - a case registered in 西关村 (c.t1.v2), assigned to nobody: the county-wide users, 城关镇 above
 *   it and 西关村 itself; no department, no other township, no administrator;
 * - a reception day of the county itself (area c): the county-wide users only.
 */
const PARENT_READERS: Record<ParentKey, readonly string[]> = {
  case: ["registrar", "office", "bureauleader", "analyst", "leader", "principal", "chengguan", "xiguan"],
  receptionDay: ["registrar", "office", "bureauleader", "analyst", "leader", "principal"],
};
const PARENT_NOT_FOUND: Record<ParentKey, string> = { case: "CASE_NOT_FOUND", receptionDay: "NOT_FOUND" };
/** An id that exists nowhere: the parent of every nested list before the demo records exist. */
const GHOST_ID = "7d444840-9dc0-4f3b-9a1e-2b0c4d6f0e11";

const ERROR_CODES: Record<number, string> = { 401: "AUTH_REQUIRED", 403: "FORBIDDEN" };

// ---------------------------------------------------------------------------------------------
// The route table.

interface RouteRef {
  method: string;
  /** OpenAPI style: `/api/cases/{id}/warnings`. */
  path: string;
}

/** Every route the router holds, read from `printRoutes` (one line per node of its tree). */
function routeTable(app: FastifyInstance): RouteRef[] {
  const routes: RouteRef[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? prefixes[depth - 1]! : "") + m[2]!;
    prefixes.length = depth;
    prefixes.push(path);
    for (const method of m[3]?.split(", ") ?? []) {
      routes.push({ method, path: path.replace(/:(\w+)/g, "{$1}") });
    }
  }
  return routes;
}

const ZSpec = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });
const ZOperation = z.object({
  responses: z
    .record(
      z.string(),
      z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() }),
    )
    .optional(),
});
const ZCollection = z.union([
  z.object({ type: z.literal("array") }),
  z.object({
    type: z.literal("object"),
    properties: z.object({ items: z.object({ type: z.literal("array") }) }),
  }),
]);

interface Discovery {
  lists: string[];
  /** GET routes of the API the OpenAPI document does not describe, so they cannot be classified. */
  undescribed: string[];
}

/** The API's GET routes whose 200 answer (in the route's own response schema) is a collection. */
function discoverLists(app: FastifyInstance): Discovery {
  const { paths } = ZSpec.parse(app.swagger());
  const lists: string[] = [];
  const undescribed: string[] = [];
  const gets = routeTable(app).filter((r) => r.method === "GET" && r.path.startsWith("/api/"));
  for (const { path } of gets) {
    const op = paths[path]?.get;
    if (op === undefined) {
      undescribed.push(path);
      continue;
    }
    const schema = ZOperation.parse(op).responses?.["200"]?.content?.["application/json"]?.schema;
    if (ZCollection.safeParse(schema).success) lists.push(path);
  }
  return { lists: [...new Set(lists)].sort(), undescribed };
}

// ---------------------------------------------------------------------------------------------

let t: TestContext;
let discovery: Discovery;
const sessions = new Map<string, Session>();
const parents: Record<ParentKey, string> = { case: GHOST_ID, receptionDay: GHOST_ID };

function roleOf(user: DemoUser): Role {
  const [role] = user.roles;
  if (role === undefined || user.roles.length !== 1) throw new Error(`${user.username}: one role each`);
  return role;
}

function expectedStatus(rule: ListRule, user: DemoUser | null): number {
  if (rule.who === ANYONE) return 200;
  if (user === null) return 401;
  if (rule.who !== STAFF && !rule.who.includes(roleOf(user))) return 403;
  if (rule.parent)
    return PARENT_READERS[rule.parent].includes(user.username) && parents[rule.parent] !== GHOST_ID
      ? 200
      : 404;
  return 200;
}

function expectedCode(rule: ListRule, status: number): string | undefined {
  return status === 404 && rule.parent ? PARENT_NOT_FOUND[rule.parent] : ERROR_CODES[status];
}

function errorCode(res: LightMyRequestResponse): string | null {
  try {
    const code = res.json<{ error?: { code?: unknown } }>().error?.code;
    return typeof code === "string" ? code : null;
  } catch {
    return null;
  }
}

function itemsOf(res: LightMyRequestResponse): unknown[] | null {
  const body = res.json<unknown>();
  if (Array.isArray(body)) return body;
  if (typeof body === "object" && body !== null && "items" in body && Array.isArray(body.items)) {
    return body.items;
  }
  return null;
}

interface PassResult {
  calls: number;
  mismatches: string[];
}

/** Calls every discovered list as every demo user and anonymously; returns every wrong answer. */
async function callEveryList(): Promise<PassResult> {
  const mismatches: string[] = [];
  let calls = 0;
  for (const path of discovery.lists) {
    if (path in SKIPPED) continue;
    const rule = LISTS[path];
    const url = path.replace(/\{\w+\}/g, rule?.parent ? parents[rule.parent] : GHOST_ID);
    for (const user of [...DEMO_USERS, null]) {
      const who = user?.username ?? "anonymous";
      const res = await as(t.app, user ? sessions.get(user.username)! : null).get(url);
      calls += 1;
      const label = `${who} GET ${path}`;
      if (!rule) {
        // Not in the table yet (the discovery test says so): it must at least answer sensibly.
        if (![200, 401, 403, 404].includes(res.statusCode))
          mismatches.push(`${label}: ${res.statusCode} ${res.body}`);
        continue;
      }
      const expected = expectedStatus(rule, user);
      if (res.statusCode !== expected) {
        mismatches.push(`${label}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      if (expected === 200) {
        const items = itemsOf(res);
        if (items === null) mismatches.push(`${label}: no list in the answer`);
        else if (rule.records && user?.roles.some((r) => ADMINS.includes(r)) && items.length > 0) {
          mismatches.push(`${label}: an administrator got ${items.length} records`);
        }
      } else if (errorCode(res) !== expectedCode(rule, expected)) {
        mismatches.push(`${label}: expected code ${expectedCode(rule, expected)}, got ${errorCode(res)}`);
      }
    }
  }
  return { calls, mismatches };
}

beforeAll(async () => {
  // The public lists are called 18 times in each pass: more than a citizen's 30 a minute over both.
  t = await startTestApp({ publicRateLimitPerMinute: 1000 });
  await seedDemoNetwork(t.db);
  for (const u of DEMO_USERS) sessions.set(u.username, await login(t.app, u.username, DEMO_PASSWORD));
  discovery = discoverLists(t.app);
});
afterAll(() => t.close());

describe("every list endpoint", () => {
  it("finds the lists in the route table, each with a rule here or a reason to skip it", () => {
    expect(discovery.undescribed).toEqual([]);
    expect(discovery.lists).toContain("/api/cases");
    expect(discovery.lists).toContain("/api/bureau/supervision/items");
    const unruled = discovery.lists.filter((p) => !(p in LISTS) && !(p in SKIPPED));
    expect(unruled, "add each new list to LISTS in server/test/list-endpoints.test.ts").toEqual([]);
    const gone = Object.keys({ ...LISTS, ...SKIPPED }).filter((p) => !discovery.lists.includes(p));
    expect(gone, "a list in the table that the API no longer has").toEqual([]);
  });

  it("has one demo user per role, so every role is asked", () => {
    expect(new Set(DEMO_USERS.map(roleOf))).toEqual(new Set(ROLES));
  });

  it("answers each list with 200 to every role allowed and 401/403/404 to the others, before any record exists", async () => {
    const { calls, mismatches } = await callEveryList();
    expect(mismatches).toEqual([]);
    expect(calls).toBe((discovery.lists.length - Object.keys(SKIPPED).length) * (DEMO_USERS.length + 1));
  });

  it("does the same on the demo county with its cases, bureau records, alerts and warnings", async () => {
    await seedDemoCases(t.db, t.keyRing, t.clock.now);
    // What the demo does not hold yet: a sensitive period and a routing-catalogue entry.
    const office = as(t.app, sessions.get("office")!);
    const period = await office.post("/api/warnings/sensitive-periods", {
      name: "全国两会",
      startsOn: "2026-03-04",
      endsOn: "2026-03-15",
    });
    expect(period.statusCode, period.body).toBe(201);
    const route = await t.db.query<{ category_id: string; unit_id: string }>(
      `SELECT (SELECT id FROM categories ORDER BY code LIMIT 1) AS category_id,
              (SELECT id FROM org_units WHERE path = 'c.rsj') AS unit_id`,
    );
    const catalogued = await office.post("/api/triage/routes", {
      categoryId: route.rows[0]!.category_id,
      unitId: route.rows[0]!.unit_id,
      note: "测试路由",
    });
    expect(catalogued.statusCode, catalogued.body).toBe(201);
    // The jobs `npm start` runs: deadline alerts, the day's warnings and digest.
    await scanDeadlines(t.db, t.app.deps.clocks, t.clock.now);
    await runWarningsDaily(t.db, t.clock.now);
    const registered = await as(t.app, sessions.get("registrar")!).post(
      "/api/cases",
      caseInput({ problemRegionCode: "419001001201" }),
    );
    expect(registered.statusCode, registered.body).toBe(201);
    parents.case = registered.json<{ id: string }>().id;
    const where = await t.db.query<{ region_path: string }>("SELECT region_path FROM cases WHERE id = $1", [
      parents.case,
    ]);
    expect(where.rows[0]?.region_path).toBe("c.t1.v2");
    // The county's day with the most appointments, so the nested list has rows to present.
    const day = await t.db.query<{ id: string }>(
      `SELECT d.id FROM reception_days d WHERE d.area_path = 'c'
        ORDER BY (SELECT count(*) FROM reception_appointments a WHERE a.day_id = d.id) DESC, d.reception_date, d.id
        LIMIT 1`,
    );
    expect(day.rows, "the demo has reception days of the county").not.toHaveLength(0);
    parents.receptionDay = day.rows[0]!.id;

    const { calls, mismatches } = await callEveryList();
    expect(mismatches).toEqual([]);
    expect(calls).toBe((discovery.lists.length - Object.keys(SKIPPED).length) * (DEMO_USERS.length + 1));
  });
});
