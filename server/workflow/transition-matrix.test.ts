import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTY_WIDE_ROLES, type Role } from "../../domain/auth/roles.ts";
import { CASE_STATUSES, type CaseStatus } from "../../domain/workflow/statuses.ts";
import {
  CASE_ACTIONS,
  type CaseAction,
  transitionTable,
  type WorkflowRules,
} from "../../domain/workflow/transitions.ts";
import { buildApp } from "../app.ts";
import { DEEP, depthLabel } from "../test/depth.ts";
import { caseInput, makeNetwork, TEST_USERS } from "../test/factories.ts";
import { as, login, type Session, snapshotCounts, startTestApp, type TestContext } from "../test/harness.ts";

/**
 * The whole transition table as a matrix: every action × every status × every user. Each status is
 * reached through the real steps (staff API and, for the petitioner's steps, the public API), never
 * by writing the status with SQL, so each step's own preconditions are the real ones.
 *
 * A cell the table allows runs on a fresh case in that status and must give 200, the documented
 * `to` (or one of its `alsoTo`) and exactly one new event. Every other cell runs on one prepared
 * case per status and must be refused with the status code the generic rules give (404 the user
 * cannot read the case, 403 no role or not the lead unit, 409 wrong status) and change nothing.
 *
 * Cells whose allowance depends on more than the table, and how they are set up:
 * - sign / send_back: only the signer whose turn it is may sign; each signer's allowed cell gets a
 *   case where it is their turn (the principal leader's through a major case's longer chain);
 * - reopen: needs a dissatisfied rating, so its case is rated dissatisfied by the petitioner;
 * - close from replied / reviewed: the petitioner's appeal window must have passed, so the test
 *   clock moves past it (with a fresh login: an idle session expires) and back;
 * - extend: needs the running handling clock that acceptance starts (a real acceptance does);
 * - merge: needs an open original the user may read (one kept for the purpose).
 * No allowed cell had to be left out. The first three are also tried on the prepared case, where the
 * precondition fails (first signer's turn, satisfied rating, window open), and must be refused there.
 *
 * `npm run test:deep` sends every refused cell. `npm test` runs every allowed cell and every
 * precondition cell too, but only one refused cell per (status, action), turning from one status to
 * the next through the reasons of refusal — the case is hidden from the user (404), the user lacks
 * the role (403) or is not the lead unit (403), the status is wrong (409) — and through the users of
 * each reason. The last test checks that this still refused every action for every reason it can be
 * refused for, from every status, and as every user.
 *
 * The table depends on the county's rule pack (`answers.replyVettedByBureau`): the matrix runs under
 * the county pack, where the bureau vets the lead unit's answer (审核), and under the national pack,
 * where it does not and the lead unit's head serves the answer. There the status `vetted` is reached
 * as a county that changed its pack would have it: vetted by a server on the old pack, sharing the
 * database. The quick run covers under the national pack only the statuses around the answer
 * (result reported, vetted, replied); the deep run every status.
 */

interface MatrixPack {
  name: string;
  rules: WorkflowRules;
  /** The statuses whose cells are run (all of them in the deep run). */
  statuses: readonly CaseStatus[];
}

const PACKS: MatrixPack[] = [
  { name: "county-internal", rules: { replyVettedByBureau: true }, statuses: CASE_STATUSES },
  {
    name: "national-2022",
    rules: { replyVettedByBureau: false },
    statuses: DEEP ? CASE_STATUSES : ["result_reported", "vetted", "replied"],
  },
];

for (const pack of PACKS) describeMatrix(pack);

function describeMatrix(pack: MatrixPack) {
  const TABLE = transitionTable(pack.rules);
  const STATUSES = pack.statuses;
  let t: TestContext;
  /** A server on the county pack (the bureau vets), on the same database: the old pack of a county. */
  let vettingApp: TestContext["app"] | null = null;

  const sessions = new Map<string, Session>();
  const unitIds = new Map<string, string>();
  let mergeTarget: string;

  interface MatrixUser {
    username: string;
    unitPath: string;
    unitKind: string;
    roles: readonly Role[];
  }

  /** Roles the factory users do not hold: added here only, so the table's every role is tried. */
  const EXTRA_USERS = [
    { username: "principal", displayName: "县长", unitPath: "c.gov", roles: ["principal_leader"] },
    { username: "rsjhead", displayName: "人社局局长", unitPath: "c.rsj", roles: ["unit_leader"] },
    { username: "gajhead", displayName: "公安局局长", unitPath: "c.gaj", roles: ["unit_leader"] },
  ] as const;

  const USERS: MatrixUser[] = [];

  const BASE_TIME = new Date("2026-03-02T02:00:00Z");
  /** A day after the appeal windows of a reply or review given on the base day (30 days → 2026-04-01). */
  const AFTER_WINDOWS = new Date("2026-04-02T02:00:00Z");

  /** A valid body for each action, so a refusal is the workflow's and never the schema's (400). */
  function bodyFor(action: CaseAction): Record<string, unknown> {
    switch (action) {
      case "reject_incomplete":
        return { note: "缺少联系方式，无法核实" };
      case "decline":
        return { reason: "in_litigation", note: "已起诉" };
      case "forward":
        return { forwardedTo: "县人民法院" };
      case "report_up":
        return { note: "涉及人数多，报县委县政府" };
      case "merge":
        return { intoCaseId: mergeTarget, note: "同一事项重复来访" };
      case "draft_opinion":
        return { opinion: "建议交人社局办理" };
      case "sign":
        return { instruction: "同意" };
      case "send_back":
        return { instruction: "请补充核查情况后重拟" };
      case "assign":
        return {
          leadUnitId: unitIds.get("c.rsj"),
          assistUnitIds: [unitIds.get("c.gaj")],
          instructions: "请于20日内办结并报送办结报告",
          dueDays: 20,
        };
      case "object":
        return { reason: "该事项不属本单位职责" };
      case "report_result":
        return { result: "经核查，已责令公司足额支付。", proposedOpinion: "support" };
      case "vet_redo":
        return { reason: "事实不清，请补充" };
      case "reply":
        return {
          opinion: "explain",
          text: "经调查，现向您作出解释。",
          legalBasis: "《信访工作条例》第三十二条",
        };
      case "reopen":
        return { reason: "信访人不满意，重新办理" };
      case "extend":
        return { days: 10, reason: "需现场勘查" };
      case "follow_up":
        return { note: "电话回访" };
      case "decide_review":
        return { opinion: "uphold", text: "经复查，维持原处理意见" };
      case "decide_reexam":
        return { opinion: "uphold", text: "复核维持，终结" };
      default:
        return {};
    }
  }

  const url = (id: string, action: CaseAction) => `/api/cases/${id}/${action.replaceAll("_", "-")}`;

  async function act(
    username: string,
    id: string,
    action: CaseAction,
    extra: Record<string, unknown> = {},
    app = t.app,
  ): Promise<LightMyRequestResponse> {
    return as(app, sessions.get(username)!).post(url(id, action), { ...bodyFor(action), ...extra });
  }

  /** A step on the way to a status: it must succeed, or the status under test is not genuine. */
  async function step(
    username: string,
    id: string,
    action: CaseAction,
    extra: Record<string, unknown> = {},
    app = t.app,
  ) {
    const res = await act(username, id, action, extra, app);
    expect(res.statusCode, `preparing: ${action} by ${username}: ${res.body.slice(0, 200)}`).toBe(200);
  }

  async function petitioner(path: string, c: Prepared, extra: Record<string, unknown>) {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/public/${path}`,
      payload: { caseNumber: c.caseNumber, queryCode: c.queryCode, ...extra },
    });
    expect(res.statusCode, `preparing: public ${path}: ${res.body.slice(0, 200)}`).toBe(200);
  }

  interface Prepared {
    id: string;
    caseNumber: string;
    queryCode: string;
  }

  interface Variant {
    /** For awaiting_signoff: the signer whose turn it is. */
    turn?: "bleader" | "leader" | "principal";
    /** For evaluated: the petitioner's rating. */
    rating?: "satisfied" | "dissatisfied";
  }

  /** A new case taken to `status` through the real steps, as the people who take them. */
  async function driveTo(status: CaseStatus, v: Variant = {}): Promise<Prepared> {
    const online = status === "pending_screening" || status === "rejected_incomplete";
    const created = await as(t.app, sessions.get("reg")!).post(
      "/api/cases",
      caseInput(online ? { channel: "online" } : {}),
    );
    expect(created.statusCode, created.body).toBe(201);
    const c: Prepared = created.json();
    const { id } = c;
    await reach(c, status, v);
    const now = await t.db.query<{ status: string }>("SELECT status FROM cases WHERE id = $1", [id]);
    expect(now.rows[0]!.status, `prepared case for ${status}`).toBe(status);
    return c;
  }

  async function reach(c: Prepared, status: CaseStatus, v: Variant): Promise<void> {
    const { id } = c;
    switch (status) {
      case "pending_screening":
      case "registered":
        return;
      case "rejected_incomplete":
        return step("reg", id, "reject_incomplete");
      case "accepted":
        return step("reg", id, "accept");
      case "declined":
        return step("reg", id, "decline");
      case "forwarded":
        return step("reg", id, "forward");
      case "refused_again":
        return step("reg", id, "refuse_again");
      case "merged":
        return step("reg", id, "merge");
      case "awaiting_signoff": {
        await reach(c, "accepted", v);
        const turn = v.turn ?? "bleader";
        await step("office", id, "draft_opinion", turn === "principal" ? { severity: "major" } : {});
        if (turn !== "bleader") await step("bleader", id, "sign");
        if (turn === "principal") await step("leader", id, "sign");
        return;
      }
      case "drafting":
        await reach(c, "awaiting_signoff", {});
        return step("bleader", id, "send_back");
      case "signed_off":
        await reach(c, "awaiting_signoff", { turn: "leader" });
        return step("leader", id, "sign");
      case "assigned":
        await reach(c, "signed_off", v);
        return step("office", id, "assign");
      case "handling":
        await reach(c, "assigned", v);
        return step("rsj", id, "receive");
      case "result_reported":
        await reach(c, "handling", v);
        return step("rsj", id, "report_result");
      case "vetted":
        await reach(c, "result_reported", v);
        // Without vetting, only a county that changed its pack has such a case: vetted before.
        return step("office", id, "vet_accept", {}, vettingApp ?? t.app);
      case "replied":
        if (!pack.rules.replyVettedByBureau) {
          // The lead unit's head serves the answer it reported (no 审核 by the bureau).
          await reach(c, "result_reported", v);
          return step("rsjhead", id, "reply");
        }
        await reach(c, "vetted", v);
        return step("office", id, "reply");
      case "evaluated": {
        await reach(c, "replied", v);
        const rating = v.rating ?? "satisfied";
        return petitioner("evaluate", c, { bureauRating: rating, unitRating: rating, comment: "评价" });
      }
      case "review_requested":
        await reach(c, "replied", v);
        return petitioner("request-review", c, { reason: "对处理意见不服，申请复查" });
      case "under_review":
        await reach(c, "review_requested", v);
        return step("leader", id, "accept_review");
      case "reviewed":
        await reach(c, "under_review", v);
        return step("leader", id, "decide_review");
      case "reexam_requested":
        await reach(c, "reviewed", v);
        return petitioner("request-reexam", c, { reason: "对复查意见不服，申请复核" });
      case "under_reexam":
        await reach(c, "reexam_requested", v);
        return step("office", id, "accept_reexam");
      case "terminated":
        await reach(c, "under_reexam", v);
        return step("principal", id, "decide_reexam");
      case "closed":
        // Rated, so the case may be closed at once (an unrated answer waits for its appeal window).
        await reach(c, "evaluated", v);
        return step("office", id, "close");
      case "archived":
        await reach(c, "closed", v);
        return step("office", id, "archive");
    }
  }

  interface Facts {
    regionPath: string;
    assignedUnits: string[];
    leadUnit: string | null;
    /** Where a review or reexamination goes, read from the network: the unit, its kind, path and office. */
    appeal: { unit: string; kind: string; path: string; office: string | null } | null;
    /** The unit whose answer is under review: the lead unit, else the bureau. */
    answeredBy: string | null;
  }

  /** What readability and the lead-unit rule depend on, read from the case's own rows. */
  async function factsOf(id: string): Promise<Facts> {
    const c = await t.db.query<{
      region_path: string;
      unit: string | null;
      kind: string | null;
      path: string | null;
      office: string | null;
    }>(
      `SELECT c.region_path, u.id AS unit, u.kind, u.path, u.review_office_id AS office
       FROM cases c LEFT JOIN org_units u ON u.id = c.appeal_unit_id WHERE c.id = $1`,
      [id],
    );
    const row = c.rows[0]!;
    const a = await t.db.query<{ unit_id: string; role: string; status: string }>(
      "SELECT unit_id, role, status FROM case_assignments WHERE case_id = $1",
      [id],
    );
    const leadUnit = a.rows.find((r) => r.role === "lead" && r.status !== "returned")?.unit_id ?? null;
    return {
      regionPath: row.region_path,
      assignedUnits: a.rows.map((r) => r.unit_id),
      leadUnit,
      appeal: row.unit ? { unit: row.unit, kind: row.kind!, path: row.path!, office: row.office } : null,
      answeredBy: leadUnit ?? unitIds.get("c.xfj")!,
    };
  }

  /**
   * 条例 第三十五条 as the table's "appeal" unit rule: the reviewing body's own staff, its review
   * office's staff unless that office gave the answer, and a county government's leaders; a case
   * with no reviewing body in the network is left to the roles.
   */
  function actsForAppeal(u: MatrixUser, f: Facts): boolean {
    if (!f.appeal) return true;
    const own = unitIds.get(u.unitPath);
    if (own === f.appeal.unit) return true;
    if (own === f.appeal.office && f.appeal.office !== f.answeredBy) return true;
    const leader = u.roles.some((r) => r === "leader_in_charge" || r === "principal_leader");
    return f.appeal.kind === "county" && leader && within(u.unitPath, f.appeal.path);
  }

  const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

  /** The area a user's unit serves: a township or village its own, a department or the bureau the county. */
  function areaOf(u: MatrixUser): string {
    return u.unitKind === "township" || u.unitKind === "village" ? u.unitPath : u.unitPath.split(".")[0]!;
  }

  function canRead(u: MatrixUser, f: Facts): boolean {
    const has = (...roles: readonly Role[]) => u.roles.some((r) => roles.includes(r));
    if (has(...COUNTY_WIDE_ROLES, "local_staff") && within(f.regionPath, areaOf(u))) return true;
    const own = unitIds.get(u.unitPath)!;
    if (
      has("unit_staff", "unit_leader", "local_staff") &&
      (f.appeal?.unit === own || f.appeal?.office === own)
    )
      return true;
    return has("unit_staff", "unit_leader") && f.assignedUnits.includes(own);
  }

  /** Which rule decides a cell: why it is refused, or that it is allowed. */
  type Reason = "hidden" | "no_role" | "not_lead" | "wrong_status" | "allowed";

  const CODE_OF: Record<Reason, 200 | 403 | 404 | 409> = {
    hidden: 404,
    no_role: 403,
    not_lead: 403,
    wrong_status: 409,
    allowed: 200,
  };

  function reasonOf(u: MatrixUser, action: CaseAction, status: CaseStatus, f: Facts): Reason {
    const tr = TABLE[action];
    if (!canRead(u, f)) return "hidden";
    if (!u.roles.some((r) => tr.roles.includes(r))) return "no_role";
    if (tr.unit === "lead" && f.leadUnit !== unitIds.get(u.unitPath)) return "not_lead";
    if (tr.unit === "appeal" && !actsForAppeal(u, f)) return "not_lead";
    if (!tr.from.includes(status)) return "wrong_status";
    return "allowed";
  }

  /** The status code the table and the visibility rule give for one cell. */
  function expectedCode(
    u: MatrixUser,
    action: CaseAction,
    status: CaseStatus,
    f: Facts,
  ): 200 | 403 | 404 | 409 {
    return CODE_OF[reasonOf(u, action, status, f)];
  }

  /**
   * The refused cells of one (status, action) that are sent: all of them in the deep run; in the quick
   * run one, whose reason and user turn with the status and the action.
   */
  function usersToTry(action: CaseAction, status: CaseStatus, f: Facts): Set<string> {
    const byReason = new Map<Reason, MatrixUser[]>();
    for (const u of USERS) {
      const reason = reasonOf(u, action, status, f);
      if (reason !== "allowed") byReason.set(reason, [...(byReason.get(reason) ?? []), u]);
    }
    const groups = [...byReason.values()];
    if (DEEP) return new Set(groups.flat().map((u) => u.username));
    if (groups.length === 0) return new Set();
    const turn = CASE_STATUSES.indexOf(status) + CASE_ACTIONS.indexOf(action);
    const users = groups[turn % groups.length]!;
    return new Set([users[Math.floor(turn / groups.length) % users.length]!.username]);
  }

  /** Everything about one case a refused step might touch. */
  async function fingerprint(id: string) {
    const { rows } = await t.db.query<Record<string, unknown>>(
      `SELECT c.status, c.version, row_to_json(c)::text AS row,
        (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
        (SELECT json_agg(s ORDER BY s.round, s.step)::text FROM case_signoffs s WHERE s.case_id = c.id) AS signoffs,
        (SELECT json_agg(a ORDER BY a.unit_id)::text FROM case_assignments a WHERE a.case_id = c.id) AS assignments,
        (SELECT json_agg(k ORDER BY k.clock, k.step)::text FROM case_clocks k WHERE k.case_id = c.id) AS clocks
       FROM cases c WHERE c.id = $1`,
      [id],
    );
    return rows[0]!;
  }

  /**
   * The step's own refusal of a cell the table allows, on the prepared case of that status (its
   * first signer's turn, a satisfied rating, the appeal window still open); null where it holds.
   */
  function precondition(
    status: CaseStatus,
    action: CaseAction,
    username: string,
  ): { code: number; error: string; why: string } | null {
    if (
      status === "awaiting_signoff" &&
      (action === "sign" || action === "send_back") &&
      username !== "bleader"
    ) {
      return { code: 403, error: "NOT_YOUR_TURN", why: "the bureau leader signs first" };
    }
    if (status === "evaluated" && action === "reopen") {
      return { code: 409, error: "CASE_INVALID_TRANSITION", why: "the petitioner was satisfied" };
    }
    if ((status === "replied" || status === "reviewed") && action === "close") {
      return { code: 409, error: "CASE_INVALID_TRANSITION", why: "the appeal window is open" };
    }
    return null;
  }

  interface AllowedCell {
    status: CaseStatus;
    action: CaseAction;
    user: MatrixUser;
  }

  const allowed: AllowedCell[] = [];
  let assertions = 0;
  const tally = {
    refused: 0,
    /** Refused cells the quick run does not send (always 0 in the deep run). */
    notSent: 0,
    allowed: 0,
    precondition: 0,
    byCode: { 403: 0, 404: 0, 409: 0 } as Record<number, number>,
    byReason: { hidden: 0, no_role: 0, not_lead: 0, wrong_status: 0 } as Record<
      Exclude<Reason, "allowed">,
      number
    >,
  };
  /** The users, statuses and (action, reason) pairs of the refused cells, and of those sent. */
  const spread = {
    refusable: { users: new Set<string>(), statuses: new Set<string>(), actionReasons: new Set<string>() },
    sent: { users: new Set<string>(), statuses: new Set<string>(), actionReasons: new Set<string>() },
  };

  function note(
    into: (typeof spread)["sent"],
    user: MatrixUser,
    status: CaseStatus,
    action: CaseAction,
    reason: Reason,
  ) {
    into.users.add(user.username);
    into.statuses.add(status);
    into.actionReasons.add(`${action} refused as ${reason}`);
  }

  beforeAll(async () => {
    t = await startTestApp({ publicRateLimitPerMinute: 10_000, rulePack: pack.name });
    if (!pack.rules.replyVettedByBureau) {
      vettingApp = await buildApp({
        db: t.db,
        config: { ...t.config, rulePack: "county-internal" },
        keyRing: t.keyRing,
        now: () => t.clock.now,
      });
      await vettingApp.ready();
    }
    await makeNetwork(t.db);
    // The 人社局's answer is reviewed by 县政府办 here, so that the reexamination (the reviewer's
    // superior: the county government) stays inside the system and every status can be reached; by
    // default the county government reviews and the reexamination is referred outside.
    await t.db.query(
      "UPDATE org_units SET reviewing_unit_id = (SELECT id FROM org_units WHERE path = 'c.gov') WHERE path = 'c.rsj'",
    );
    for (const u of EXTRA_USERS) {
      await t.db.query(
        `INSERT INTO users (username, display_name, unit_id, roles, password_hash)
       SELECT $1, $2, (SELECT id FROM org_units WHERE path = $3), $4, password_hash FROM users WHERE username = 'reg'`,
        [u.username, u.displayName, u.unitPath, [...u.roles]],
      );
    }
    const units = await t.db.query<{ id: string; path: string; kind: string }>(
      "SELECT id, path, kind FROM org_units",
    );
    for (const r of units.rows) unitIds.set(r.path, r.id);
    const kind = (path: string) => units.rows.find((r) => r.path === path)!.kind;
    for (const u of [...TEST_USERS, ...EXTRA_USERS]) {
      USERS.push({ username: u.username, unitPath: u.unitPath, unitKind: kind(u.unitPath), roles: u.roles });
      sessions.set(u.username, await login(t.app, u.username));
    }
    // The open original that merge cells fold their repeat into; never itself a case under test.
    const target = await as(t.app, sessions.get("reg")!).post("/api/cases", caseInput({ title: "原件" }));
    mergeTarget = target.json().id as string;
  });
  afterAll(async () => {
    await vettingApp?.close();
    await t.close();
  });

  describe(`the transition table under the ${pack.name} pack, every (status, action, user) cell`, () => {
    for (const status of STATUSES) {
      it(`refuses, from ${status}, the cells the table does not allow (all in the deep run), and changes nothing`, async () => {
        const c = await driveTo(status);
        const facts = await factsOf(c.id);
        const before = await fingerprint(c.id);
        const counts = await snapshotCounts(t.db);
        for (const action of CASE_ACTIONS) {
          const toTry = usersToTry(action, status, facts);
          for (const user of USERS) {
            const reason = reasonOf(user, action, status, facts);
            const code = CODE_OF[reason];
            if (code === 200) {
              allowed.push({ status, action, user });
              // An allowed cell is tried here only where this case fails the step's own precondition.
              const pre = precondition(status, action, user.username);
              if (!pre) continue;
              const res = await act(user.username, c.id, action);
              const cell = `${action} from ${status} by ${user.username} (${pre.why})`;
              expect(res.statusCode, `${cell}: ${res.body.slice(0, 200)}`).toBe(pre.code);
              expect(res.json().error.code, cell).toBe(pre.error);
              expect(await fingerprint(c.id), `${cell} changed the case`).toEqual(before);
              tally.precondition += 1;
              continue;
            }
            note(spread.refusable, user, status, action, reason);
            if (!toTry.has(user.username)) {
              tally.notSent += 1;
              continue;
            }
            const res = await act(user.username, c.id, action);
            expect(
              res.statusCode,
              `${action} from ${status} by ${user.username}: ${res.body.slice(0, 200)}`,
            ).toBe(code);
            expect(
              await fingerprint(c.id),
              `${action} from ${status} by ${user.username} changed the case`,
            ).toEqual(before);
            tally.refused += 1;
            tally.byCode[code]! += 1;
            tally.byReason[reason as Exclude<Reason, "allowed">] += 1;
            note(spread.sent, user, status, action, reason);
          }
        }
        // No refusal from this status added or removed a row anywhere (checked once per status: the
        // counts only move forward, so a stray write by any cell would still show here).
        expect(await snapshotCounts(t.db), `refusals from ${status} wrote rows`).toEqual(counts);
        // The abilities sent to the UI offer exactly the cells the table allows this user here.
        for (const user of USERS) {
          const res = await as(t.app, sessions.get(user.username)!).get(`/api/cases/${c.id}`);
          const mayAct = CASE_ACTIONS.filter((a) => expectedCode(user, a, status, facts) === 200);
          if (!canRead(user, facts)) {
            expect(res.statusCode, `${user.username} reads a ${status} case`).toBe(404);
            continue;
          }
          const offered = (res.json().abilities as string[]).filter((a) =>
            CASE_ACTIONS.includes(a as CaseAction),
          );
          expect(offered.sort(), `abilities of ${user.username} in ${status}`).toEqual([...mayAct].sort());
        }
        assertions += expect.getState().assertionCalls;
      }, 120_000);
    }

    it("allows every cell the table allows, each on a fresh case, with the documented status and one event", async () => {
      // Every action with a source status among those run has a user who may take it.
      expect(new Set(allowed.map((a) => a.action))).toEqual(
        new Set(CASE_ACTIONS.filter((a) => TABLE[a].from.some((s) => STATUSES.includes(s)))),
      );
      for (const { status, action, user } of allowed) {
        const tr = TABLE[action];
        const variant: Variant = {};
        let expectedTo: CaseStatus = tr.to;
        if ((action === "sign" || action === "send_back") && status === "awaiting_signoff") {
          variant.turn = user.username as Variant["turn"];
          // The first of the general chain's two signatures leaves the case awaiting the next one.
          if (action === "sign" && user.username === "bleader") expectedTo = "awaiting_signoff";
        }
        if (action === "reopen") variant.rating = "dissatisfied";
        // A follow-up call and a report up record something; the case stays where it is.
        if (action === "follow_up" || action === "report_up") expectedTo = status;
        expect([tr.to, ...(tr.alsoTo ?? [])], `${action}: ${expectedTo} is in the table`).toContain(
          expectedTo,
        );

        const c = await driveTo(status, variant);
        const before = await fingerprint(c.id);
        const windowMustPass = action === "close" && (status === "replied" || status === "reviewed");
        let res: LightMyRequestResponse;
        if (windowMustPass) {
          t.clock.now = AFTER_WINDOWS;
          try {
            // A session unused for a month has expired: log in again at the later time.
            const later = await login(t.app, user.username);
            res = await as(t.app, later).post(url(c.id, action), bodyFor(action));
          } finally {
            t.clock.now = BASE_TIME;
          }
        } else {
          res = await act(user.username, c.id, action);
        }
        const cell = `${action} from ${status} by ${user.username}`;
        expect(res.statusCode, `${cell}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(res.json().status, cell).toBe(expectedTo);
        const after = await fingerprint(c.id);
        expect({ status: after.status, version: after.version, events: after.events }, cell).toEqual({
          status: expectedTo,
          version: (before.version as number) + 1,
          events: (before.events as number) + 1,
        });
        const last = await t.db.query<{ action: string; from_status: string; to_status: string }>(
          "SELECT action, from_status, to_status FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1",
          [c.id],
        );
        expect(last.rows[0], cell).toEqual({ action, from_status: status, to_status: expectedTo });
        tally.allowed += 1;
      }
      assertions += expect.getState().assertionCalls;
    }, 300_000);

    it("accounted for every cell exactly once, and sent cells of every rule", () => {
      const cells = CASE_ACTIONS.length * STATUSES.length * USERS.length;
      console.log(
        `transition matrix, ${pack.name} (${depthLabel()}): ${cells} cells (${CASE_ACTIONS.length} actions × ${STATUSES.length} statuses × ${USERS.length} users): ` +
          `${tally.allowed} allowed, ${tally.refused} refused (404: ${tally.byCode[404]}, 403: ${tally.byCode[403]}, 409: ${tally.byCode[409]}), ` +
          `${tally.notSent} refused cells left to the deep run; ` +
          `${tally.precondition} allowed cells also refused by their step's own precondition; ` +
          `${assertions} assertions`,
      );
      expect(tally.allowed + tally.refused + tally.notSent).toBe(cells);
      if (DEEP) expect(tally.notSent).toBe(0);
      // Every rule refused cells; and the cells sent, even the quick run's few, refused every action
      // for every reason it can be refused for, from every status and as every user.
      for (const [reason, n] of Object.entries(tally.byReason))
        expect(n, `cells refused as ${reason}`).toBeGreaterThan(0);
      // A quick run over a few statuses sends too few cells to meet every (action, reason): there, the
      // reasons sent are reasons the table gives; over every status, they are all of them.
      if (STATUSES.length === CASE_STATUSES.length)
        expect([...spread.sent.actionReasons].sort()).toEqual([...spread.refusable.actionReasons].sort());
      else for (const r of spread.sent.actionReasons) expect(spread.refusable.actionReasons).toContain(r);
      expect([...spread.sent.statuses].sort()).toEqual([...STATUSES].sort());
      expect([...spread.sent.users].sort()).toEqual(USERS.map((u) => u.username).sort());
      expect(tally.allowed).toBe(allowed.length);
      // sign and send_back by the two later signers, reopen once, close from replied and reviewed.
      const run = (s: CaseStatus) => (STATUSES.includes(s) ? 1 : 0);
      expect(tally.precondition).toBe(
        4 * run("awaiting_signoff") + run("evaluated") + run("replied") + run("reviewed"),
      );
    });

    if (!pack.rules.replyVettedByBureau)
      it("has no vetting step: the bureau office is never offered it, and the lead unit's head serves the answer", () => {
        expect(allowed.filter((a) => a.action === "vet_accept" || a.action === "vet_redo")).toEqual([]);
        const replies = allowed.filter((a) => a.action === "reply");
        expect(replies.map((a) => `${a.status} ${a.user.username}`).sort()).toEqual([
          "result_reported rsjhead",
          "vetted rsjhead",
        ]);
      });
  });
}
