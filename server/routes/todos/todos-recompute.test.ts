import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INBOX_NAMES, type Inbox, inboxOf } from "../../../domain/workflow/inboxes.ts";
import type { CaseStatus } from "../../../domain/workflow/statuses.ts";
import type { Actor } from "../../auth/actor.ts";
import { lookupSession } from "../../auth/sessions.ts";
import { canReadCase, caseAbilities } from "../../policies/case-policy.ts";
import { insertNetwork } from "../../seed/seed-demo.ts";
import { makeNetwork } from "../../test/factories.ts";
import {
  as,
  login,
  type Session,
  startTestApp,
  TEST_PASSWORD,
  type TestContext,
} from "../../test/harness.ts";
import { insertOpenCases } from "../../test/open-cases.ts";
import { AWAITED_STEP } from "./index.ts";

/**
 * The to-do list and its counts, checked against a plain recomputation in code from every case's
 * rows (status, region, accusation, assignments, sign-off steps, clocks) and the case policy's own
 * `canReadCase` and `caseAbilities`, for every kind of user, on a few hundred generated cases.
 */
let t: TestContext;
const sessions = new Map<string, { session: Session; actor: Actor }>();
const USERS = [
  "reg",
  "office",
  "bleader",
  "leader",
  "principal",
  "analyst",
  "rsj",
  "rsjleader",
  "gaj",
  "town1",
  "town2",
  "village1",
  "sysadmin",
];

interface Facts {
  id: string;
  caseNumber: string;
  title: string;
  status: CaseStatus;
  receivedAt: number;
  regionPath: string;
  accusedPath: string | null;
  isConfidential: boolean;
  assignments: { unitId: string; role: string; status: string }[];
  signoffs: { round: number; step: number; role: string; decision: string | null }[];
  clocks: { clock: string; step: string; dueOn: string; state: string }[];
}
let cases: Facts[] = [];

interface Item {
  caseId: string;
  caseNumber: string;
  title: string;
  status: string;
  receivedAt: string;
  awaitedStep: string;
  dueOn: string | null;
  clock: string | null;
  clockStep: string | null;
  dueState: string;
  provisional: boolean;
  inbox: string;
}
interface Todos {
  items: Item[];
  total: number;
  overdue: number;
  dueSoon: number;
  today: string;
  dueSoonDays: number;
  dueSoonUntil: string;
  inboxes: Record<string, number>;
}

/** What the list must be, worked out case by case. */
function expected(actor: Actor, today: string, soon: string, limit: number, inbox?: Inbox) {
  const owed = cases.filter((c) => {
    const lead = c.assignments.find((a) => a.role === "lead" && a.status !== "returned")?.unitId ?? null;
    const facts = {
      regionPath: c.regionPath,
      accusedPath: c.accusedPath,
      isConfidential: c.isConfidential,
      assignedUnitIds: c.assignments.map((a) => a.unitId),
    };
    const step = AWAITED_STEP[c.status];
    if (
      !step ||
      !canReadCase(actor, facts) ||
      !caseAbilities(actor, {
        status: c.status,
        leadUnitId: lead,
        appealBody: null,
        appealOutside: false,
        rules: { replyVettedByBureau: true },
      }).includes(step)
    )
      return false;
    if (c.status !== "awaiting_signoff") return true;
    // Whose turn: the first unsigned step of the latest round.
    const open = c.signoffs.filter((s) => s.decision === null);
    const round = Math.max(...open.map((s) => s.round));
    const turn = open.filter((s) => s.round === round).sort((a, b) => a.step - b.step)[0];
    return turn !== undefined && actor.roles.some((r) => r === turn.role);
  });
  const inboxes = Object.fromEntries(INBOX_NAMES.map((n) => [n, 0])) as Record<Inbox, number>;
  for (const c of owed) inboxes[inboxOf(AWAITED_STEP[c.status]!)!] += 1;
  const shown = owed
    .filter((c) => !inbox || inboxOf(AWAITED_STEP[c.status]!) === inbox)
    .map((c) => {
      const next = c.clocks
        .filter((k) => k.state === "running")
        .sort((a, b) =>
          a.dueOn !== b.dueOn
            ? a.dueOn.localeCompare(b.dueOn)
            : a.clock !== b.clock
              ? a.clock.localeCompare(b.clock)
              : a.step.localeCompare(b.step),
        )[0];
      return { c, next };
    })
    .sort((a, b) => {
      const da = a.next?.dueOn ?? "9999-99-99";
      const db = b.next?.dueOn ?? "9999-99-99";
      if (da !== db) return da.localeCompare(db);
      if (a.c.receivedAt !== b.c.receivedAt) return a.c.receivedAt - b.c.receivedAt;
      return a.c.id < b.c.id ? -1 : 1;
    });
  const state = (due: string | undefined) =>
    !due ? "none" : due < today ? "overdue" : due <= soon ? "due_soon" : "ok";
  return {
    items: shown.slice(0, limit).map(({ c, next }) => ({
      caseId: c.id,
      caseNumber: c.caseNumber,
      title: c.title,
      status: c.status,
      awaitedStep: AWAITED_STEP[c.status]!,
      receivedAt: new Date(c.receivedAt).toISOString(),
      dueOn: next?.dueOn ?? null,
      clock: next?.clock ?? null,
      clockStep: next?.step ?? null,
      dueState: state(next?.dueOn),
      // The generated clocks all count days of 2026, a year the holiday package publishes.
      provisional: false,
      inbox: inboxOf(AWAITED_STEP[c.status]!)!,
    })),
    total: shown.length,
    overdue: shown.filter(({ next }) => state(next?.dueOn) === "overdue").length,
    dueSoon: shown.filter(({ next }) => state(next?.dueOn) === "due_soon").length,
    inboxes,
  };
}

async function loadFacts(): Promise<Facts[]> {
  const { rows } = await t.db.query<{
    id: string;
    case_number: string;
    title: string;
    status: CaseStatus;
    received_at: Date;
    region_path: string;
    accused_path: string | null;
    is_confidential: boolean;
  }>(
    "SELECT id, case_number, title, status, received_at, region_path, accused_path, is_confidential FROM cases",
  );
  const assignments = await t.db.query<{ case_id: string; unit_id: string; role: string; status: string }>(
    "SELECT case_id, unit_id, role, status FROM case_assignments",
  );
  const signoffs = await t.db.query<{
    case_id: string;
    round: number;
    step: number;
    role: string;
    decision: string | null;
  }>("SELECT case_id, round, step, role, decision FROM case_signoffs");
  const clocks = await t.db.query<{
    case_id: string;
    clock: string;
    step: string;
    due_on: string;
    state: string;
  }>("SELECT case_id, clock, step, to_char(due_on, 'YYYY-MM-DD') AS due_on, state FROM case_clocks");
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    title: r.title,
    status: r.status,
    receivedAt: r.received_at.getTime(),
    regionPath: r.region_path,
    accusedPath: r.accused_path,
    isConfidential: r.is_confidential,
    assignments: assignments.rows
      .filter((a) => a.case_id === r.id)
      .map((a) => ({ unitId: a.unit_id, role: a.role, status: a.status })),
    signoffs: signoffs.rows.filter((s) => s.case_id === r.id),
    clocks: clocks.rows
      .filter((k) => k.case_id === r.id)
      .map((k) => ({ clock: k.clock, step: k.step, dueOn: k.due_on, state: k.state })),
  }));
}

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  await insertNetwork(
    t.db,
    [],
    [
      {
        username: "principal",
        displayName: "主要领导",
        unitPath: "c.gov",
        roles: ["principal_leader"],
        note: "",
      },
      {
        username: "rsjleader",
        displayName: "人社负责人",
        unitPath: "c.rsj",
        roles: ["unit_leader"],
        note: "",
      },
    ],
    TEST_PASSWORD,
  );
  await t.db.transaction((tx) => insertOpenCases(tx, { count: 400, closed: 60, now: t.clock.now, seed: 7 }));
  cases = await loadFacts();
  const policy = { idleMinutes: 10_000, securityProfile: "standard" as const, passwordMaxAgeDays: 0 };
  for (const u of USERS) {
    const session = await login(t.app, u);
    const found = await lookupSession(t.db, session.cookie.replace(/^xf_session=/, ""), t.clock.now, policy);
    if (found.state !== "active") throw new Error(`no session for ${u}`);
    sessions.set(u, { session, actor: found.actor });
  }
});
afterAll(() => t.close());

async function todos(user: string, query: string): Promise<Todos> {
  const res = await as(t.app, sessions.get(user)!.session).get(`/api/todos${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Todos>();
}

/** The day and the due-soon window the answer was worked out for (the route's calendar decides them). */
const window = (got: Todos) => ({
  today: got.today,
  dueSoonDays: got.dueSoonDays,
  dueSoonUntil: got.dueSoonUntil,
});

describe("GET /api/todos on a few hundred generated cases", () => {
  it("owes every kind of user something to check against (the data is not trivial)", () => {
    const today = "2026-03-02";
    const owed = (u: string) => expected(sessions.get(u)!.actor, today, today, 10_000).total;
    expect(owed("office")).toBeGreaterThan(100);
    expect(owed("reg")).toBeGreaterThan(20);
    for (const u of ["bleader", "leader", "principal", "rsj", "rsjleader", "gaj", "town1", "town2"])
      expect(owed(u), u).toBeGreaterThan(0);
    // Accusations against a township, hidden from it, and lists cut by the limit.
    expect(cases.some((c) => c.accusedPath === "c.t1" && AWAITED_STEP[c.status])).toBe(true);
    expect(cases.some((c) => c.assignments.some((a) => a.status === "returned"))).toBe(true);
  });

  it.each(USERS)(
    "gives %s the to-dos, the counts and the order a plain recomputation gives",
    async (user) => {
      const { actor } = sessions.get(user)!;
      for (const query of ["", "?limit=7", "?limit=20&dueSoonDays=10", "?limit=500&dueSoonDays=0"]) {
        const got = await todos(user, query);
        const limit = Number(new URLSearchParams(query).get("limit") ?? 100);
        const want = expected(actor, got.today, got.dueSoonUntil, limit);
        expect(got, `${user} ${query}`).toEqual({ ...want, ...window(got) });
      }
      for (const inbox of INBOX_NAMES) {
        const got = await todos(user, `?inbox=${inbox}&limit=5&dueSoonDays=5`);
        const want = expected(actor, got.today, got.dueSoonUntil, 5, inbox);
        expect(got, `${user} ${inbox}`).toEqual({ ...want, ...window(got) });
      }
    },
  );
});
