import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../domain/auth/roles.ts";
import { CASE_STATUSES } from "../../domain/workflow/statuses.ts";
import { CASE_ACTIONS, type CaseAction, TRANSITIONS } from "../../domain/workflow/transitions.ts";
import { depthLabel, sized } from "../test/depth.ts";
import { caseInput, makeNetwork } from "../test/factories.ts";
import { as, login, type Session, startTestApp, type TestContext } from "../test/harness.ts";

let t: TestContext;
const sessions = new Map<string, Session>();
const USERS = ["reg", "office", "bleader", "leader", "rsj", "gaj", "town1"] as const;
const ROLE_OF: Record<(typeof USERS)[number], Role> = {
  reg: "registrar",
  office: "bureau_office",
  bleader: "bureau_leader",
  leader: "leader_in_charge",
  rsj: "unit_staff",
  gaj: "unit_staff",
  town1: "local_staff",
};
let bodies: Record<CaseAction, Record<string, unknown>>;

beforeAll(async () => {
  t = await startTestApp();
  await makeNetwork(t.db);
  for (const u of USERS) sessions.set(u, await login(t.app, u));
  const unit = async (path: string) =>
    (await t.db.query<{ id: string }>("SELECT id FROM org_units WHERE path = $1", [path])).rows[0]!.id;
  const rsj = await unit("c.rsj");
  const gaj = await unit("c.gaj");
  // The open original that repeats are merged into.
  const original = await as(t.app, sessions.get("reg")!).post("/api/cases", caseInput({ channel: "visit" }));
  bodies = {
    screen: {},
    reject_incomplete: { note: "内容不全" },
    accept: {},
    decline: { reason: "in_litigation" },
    forward: { forwardedTo: "县人民法院" },
    refuse_again: {},
    report_up: { note: "重大" },
    merge: { intoCaseId: original.json().id as string },
    simplify: {},
    draft_opinion: { opinion: "拟办" },
    sign: { instruction: "同意" },
    send_back: { instruction: "重拟" },
    assign: { leadUnitId: rsj, assistUnitIds: [gaj], instructions: "办理", dueDays: 15 },
    receive: {},
    object: { reason: "非本单位职责" },
    report_result: { result: "已办结", proposedOpinion: "support" },
    vet_accept: {},
    vet_redo: { reason: "重办" },
    reply: { opinion: "support", text: "答复", legalBasis: "依据" },
    reopen: { reason: "不满意" },
    extend: { days: 10, reason: "情况复杂" },
    follow_up: { note: "电话回访" },
    accept_review: {},
    decide_review: { opinion: "uphold", text: "维持原处理意见" },
    accept_reexam: {},
    decide_reexam: { opinion: "uphold", text: "维持" },
    close: {},
    archive: {},
  };
});
afterAll(() => t.close());

interface Snapshot {
  status: string;
  version: number;
  events: { seq: number; from_status: string | null; to_status: string | null }[];
  clocks: Map<string, { started_on: string; due_on: string }>;
}

async function snapshot(id: string): Promise<Snapshot> {
  const c = await t.db.query<{ status: string; version: number }>(
    "SELECT status, version FROM cases WHERE id = $1",
    [id],
  );
  const e = await t.db.query<{ seq: number; from_status: string | null; to_status: string | null }>(
    "SELECT seq, from_status, to_status FROM case_events WHERE case_id = $1 ORDER BY seq",
    [id],
  );
  const k = await t.db.query<{ clock: string; step: string; started_on: string; due_on: string }>(
    `SELECT clock, step, to_char(started_on, 'YYYY-MM-DD') AS started_on, to_char(due_on, 'YYYY-MM-DD') AS due_on
       FROM case_clocks WHERE case_id = $1`,
    [id],
  );
  return {
    status: c.rows[0]!.status,
    version: c.rows[0]!.version,
    events: e.rows,
    clocks: new Map(
      k.rows.map((r) => [`${r.clock}/${r.step}`, { started_on: r.started_on, due_on: r.due_on }]),
    ),
  };
}

// Most steps pick an action the table allows from the current status, by a user with a fitting
// role (so sequences get far); the rest are anything by anyone (so refusals are exercised too).
const stepArb = fc.record({
  followTable: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  user: fc.constantFrom(...USERS),
  action: fc.constantFrom(...CASE_ACTIONS),
});

const MAIN_PATH = new Set<CaseAction>([
  "screen",
  "accept",
  "draft_opinion",
  "sign",
  "assign",
  "receive",
  "report_result",
  "vet_accept",
  "reply",
]);

function choose(
  step: { followTable: boolean; pick: number; user: (typeof USERS)[number]; action: CaseAction },
  status: string,
): { user: (typeof USERS)[number]; action: CaseAction } {
  if (!step.followTable) return step;
  const possible = CASE_ACTIONS.filter((a) => (TRANSITIONS[a].from as readonly string[]).includes(status));
  // Three times in four keep to the main path, so sequences reach assignment, reply and rating.
  const onPath = possible.filter((a) => MAIN_PATH.has(a));
  const allowed = step.pick % 4 !== 0 && onPath.length > 0 ? onPath : possible;
  if (allowed.length === 0) return step;
  const action = allowed[Math.floor(step.pick / 4) % allowed.length]!;
  // Unit-scoped steps belong to the lead unit, which the bodies above make 人社局 (rsj).
  const users =
    TRANSITIONS[action].unit === "lead"
      ? (["rsj"] as const)
      : USERS.filter((u) => TRANSITIONS[action].roles.includes(ROLE_OF[u]));
  return { action, user: users[Math.floor(step.pick / allowed.length) % users.length]! };
}

/**
 * 1,000 sequences in `npm run test:deep` (about 10,000 requests: minutes on two busy cores), a
 * fixed-seed 40 in `npm test`; the same rules either way.
 */
const RUNS = sized(1000, 40);

describe("random sequences of workflow actions", () => {
  it("never reach an invalid state; each status change has exactly one event; due dates never move back", async () => {
    let steps = 0;
    let changes = 0;
    const succeeded = new Set<CaseAction>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 4, maxLength: 16 }),
        fc.boolean(),
        async (seq, online) => {
          const created = await as(t.app, sessions.get("reg")!).post(
            "/api/cases",
            caseInput({ channel: online ? "online" : "visit" }),
          );
          const id = created.json().id as string;
          let before = await snapshot(id);
          for (const raw of seq) {
            const { user, action } = choose(raw, before.status);
            const res = await as(t.app, sessions.get(user)!).post(
              `/api/cases/${id}/${action.replaceAll("_", "-")}`,
              bodies[action],
            );
            steps += 1;
            expect(res.statusCode, `${action} by ${user}: ${res.body}`).toBeLessThan(500);
            const after = await snapshot(id);
            expect(CASE_STATUSES).toContain(after.status);
            if (res.statusCode === 200) {
              changes += 1;
              succeeded.add(action);
              // One action, one event, chained from the status it left.
              expect(after.version).toBe(before.version + 1);
              expect(after.events.length).toBe(before.events.length + 1);
              const last = after.events.at(-1)!;
              expect(last.from_status).toBe(before.status);
              expect(last.to_status).toBe(after.status);
            } else {
              expect(after.status).toBe(before.status);
              expect(after.version).toBe(before.version);
              expect(after.events.length).toBe(before.events.length);
            }
            // A clock keeps its due date for as long as it runs from the same start; only a new
            // start (a new assignment) may give it another.
            for (const [key, clock] of before.clocks) {
              const now = after.clocks.get(key);
              expect(now, key).toBeDefined();
              if (now!.started_on === clock.started_on) expect(now!.due_on >= clock.due_on, key).toBe(true);
            }
            before = after;
          }
        },
      ),
      { numRuns: RUNS },
    );
    console.log(
      `workflow sequences (${depthLabel()}): ${RUNS} cases, ${steps} actions, ${changes} status changes, ` +
        `${succeeded.size} of ${CASE_ACTIONS.length} actions taken`,
    );
    // Enough of the sequences get far: refusals alone would prove little.
    expect(changes).toBeGreaterThan(2 * RUNS);
    // Even the quick run takes every step of the main path, so the late steps' rules are exercised.
    for (const action of MAIN_PATH) expect(succeeded, `${action} never succeeded`).toContain(action);
    // The deep run's 10,000 requests take about 2 minutes on a quiet machine and 6 on two busy cores.
  }, 1_200_000);
});
