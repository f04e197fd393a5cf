import { randomUUID } from "node:crypto";
import { addCalendarDays, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { mulberry32 } from "../../domain/triage/corpus/generate.ts";
import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import { DEFAULT_APPROVAL_CHAIN } from "../../domain/workflow/transitions.ts";
import type { Queryable } from "../db/index.ts";
import { isAccusedSide } from "../policies/case-policy.ts";

/**
 * Synthetic cases spread over every status a case can wait in, written straight into the tables
 * with a few set-based statements (no API calls: thousands take a second or two), for the to-do
 * test and the to-do and soak benchmarks. They carry what the to-dos and the case pages read: the
 * region, accusations (confidential, with the accused unit's path), the lead unit (sometimes after
 * an earlier lead returned the case), assisting units, the sign-off chain with the step whose turn
 * it is, running and stopped clocks with due days before and after `now`, a petitioner and the
 * first event. The rest of a case's history is not written. Works on any network with a county,
 * a bureau and departments or townships (the demo county, the tests' small county).
 */
export interface OpenCaseOptions {
  /** How many open cases. */
  count: number;
  /** Case numbers `<prefix>-<n>`, n from `from` on (default `GEN`, 1). */
  prefix?: string;
  from?: number;
  /** Received within `spreadDays` before `now` (default 90). */
  now: Date;
  spreadDays?: number;
  /** Same seed, same cases (apart from their ids). */
  seed?: number;
  /** Archived cases written after the open ones (default 0): history the to-dos must skip. */
  closed?: number;
}

/** How often each open status occurs (roughly a county's working set). */
const STATUS_WEIGHTS: [CaseStatus, number][] = [
  ["pending_screening", 5],
  ["registered", 10],
  ["accepted", 8],
  ["drafting", 3],
  ["awaiting_signoff", 9],
  ["signed_off", 4],
  ["assigned", 11],
  ["handling", 24],
  ["result_reported", 7],
  ["vetted", 4],
  ["replied", 6],
  ["evaluated", 2],
  ["review_requested", 2],
  ["under_review", 2],
  ["reviewed", 1],
  ["reexam_requested", 1],
  ["under_reexam", 1],
];

const ASSIGNED_OR_LATER: ReadonlySet<CaseStatus> = new Set([
  "assigned",
  "handling",
  "result_reported",
  "vetted",
  "replied",
  "evaluated",
  "review_requested",
  "under_review",
  "reviewed",
  "reexam_requested",
  "under_reexam",
  "archived",
]);
const ACCEPTED_OR_LATER: ReadonlySet<CaseStatus> = new Set([
  "accepted",
  "drafting",
  "awaiting_signoff",
  "signed_off",
  ...ASSIGNED_OR_LATER,
]);

interface Unit {
  id: string;
  path: string;
  kind: string;
  region_code: string;
}

interface Clock {
  case_id: string;
  clock: "statutory" | "assigned" | "internal";
  step: string;
  started_on: string;
  due_on: string;
  state: "running" | "met";
}

const TITLES = [
  ["反映拖欠农民工工资问题", "我们在县城项目务工，劳务公司拖欠工资多月，多次讨要未果，请求协调尽快支付。"],
  [
    "请求解决征地补偿款未足额发放问题",
    "村里土地被征用修路，补偿款至今未足额发放，请求有关部门核实并督促兑现。",
  ],
  ["小区物业乱收费及电梯长期停运", "小区电梯长期停运，物业公司仍按原标准收费，请求主管部门责令整改。"],
  ["建议增设公交站点方便村民出行", "村庄距乡镇较远，出行不便，建议交通部门增设公交站点并调整班次。"],
  ["养殖场污染水源的问题", "新建养殖场粪水直排小河，下游井水出现异味，请求依法查处。"],
  ["举报村干部违规发放补贴问题", "反映村干部在惠农补贴发放中优亲厚友、虚报冒领，请求调查处理。"],
] as const;

/** Writes the cases; returns their ids in order. Inside the caller's transaction if it has one. */
export async function insertOpenCases(q: Queryable, opts: OpenCaseOptions): Promise<string[]> {
  const next = mulberry32(opts.seed ?? 20261207);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const prefix = opts.prefix ?? "GEN";
  const from = opts.from ?? 1;
  const spreadDays = opts.spreadDays ?? 90;
  const { rows: units } = await q.query<Unit>("SELECT id, path, kind, region_code FROM org_units");
  const regions = units.filter((u) => ["county", "township", "village", "group"].includes(u.kind));
  const handlers = units.filter((u) => u.kind === "department" || u.kind === "township");
  const accusable = units.filter((u) => ["department", "township", "village"].includes(u.kind));
  const bureau = units.find((u) => u.kind === "bureau");
  const { rows: categories } = await q.query<{ id: string }>(
    "SELECT id FROM categories WHERE parent_id IS NOT NULL ORDER BY code",
  );
  if (!bureau || regions.length === 0 || handlers.length === 0) throw new Error("seed a network first");
  const totalWeight = STATUS_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const statusOf = (): CaseStatus => {
    let x = next() * totalWeight;
    for (const [s, w] of STATUS_WEIGHTS) {
      x -= w;
      if (x < 0) return s;
    }
    return "handling";
  };

  const cases: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const signoffs: Record<string, unknown>[] = [];
  const clocks: Clock[] = [];
  for (let i = 0; i < opts.count + (opts.closed ?? 0); i++) {
    const id = randomUUID();
    const status: CaseStatus = i >= opts.count ? "archived" : statusOf();
    const region = pick(regions);
    const receivedAt = new Date(opts.now.getTime() - Math.floor(next() * spreadDays * 86_400_000) - 60_000);
    const recv = toShanghaiDate(receivedAt);
    const isAccusation = next() < 0.08;
    const accused = isAccusation && next() < 0.8 ? pick(accusable) : null;
    const severity = pick([
      "general",
      "general",
      "general",
      "general",
      "general",
      "urgent",
      "major",
    ] as const);
    const [title, content] = pick(TITLES);
    cases.push({
      id,
      case_number: `${prefix}-${String(from + i).padStart(8, "0")}`,
      channel: status === "pending_screening" ? "online" : pick(["visit", "letter", "online", "phone"]),
      status,
      nature: isAccusation ? "accusation" : pick(["request", "request", "suggestion", "appeal", "inquiry"]),
      legal_class: isAccusation ? "accusation" : "appeal_request",
      category_id: pick(categories)?.id ?? null,
      title: `${title}（${prefix}-${from + i}）`,
      content,
      problem_region_code: region.region_code,
      region_unit_id: region.id,
      region_path: region.path,
      is_confidential: isAccusation && next() < 0.9,
      accused_unit_id: accused?.id ?? null,
      accused_path: accused?.path ?? null,
      received_at: receivedAt.toISOString(),
      owner_unit_id: bureau.id,
      severity,
      draft_opinion: ACCEPTED_OR_LATER.has(status) && status !== "accepted" ? "拟交有关单位办理" : null,
      replied: ["replied", "evaluated", "review_requested", "under_review", "reviewed"].includes(status),
      rated: status === "evaluated",
    });

    // The clocks: some running with due days before today (overdue), some near, some far.
    const running = (clock: Clock["clock"], step: string, start: string, days: number) =>
      clocks.push({
        case_id: id,
        clock,
        step,
        started_on: start,
        due_on: addCalendarDays(start, days),
        state: "running",
      });
    const met = (clock: Clock["clock"], step: string, start: string, days: number) =>
      clocks.push({
        case_id: id,
        clock,
        step,
        started_on: start,
        due_on: addCalendarDays(start, days),
        state: "met",
      });
    const accepted = addCalendarDays(recv, 1 + Math.floor(next() * 5));
    const assignedOn = addCalendarDays(accepted, 2 + Math.floor(next() * 6));
    if (status === "archived") {
      met("statutory", "acceptanceNotice", recv, 15);
      met("statutory", "handling", accepted, 60);
    } else if (status !== "pending_screening") {
      if (status === "registered") {
        running("statutory", "acceptanceNotice", recv, 15);
        running("statutory", "firstDisposal", recv, 15);
      } else {
        met("statutory", "acceptanceNotice", recv, 15);
      }
      const internal = severity === "urgent" ? 3 : severity === "major" ? 60 : 30;
      if (status === "replied" || status === "evaluated" || status === "reviewed")
        met("internal", "resolution", recv, internal);
      else if (next() < 0.7) running("internal", "resolution", recv, internal);
      if (["accepted", "drafting", "awaiting_signoff", "signed_off"].includes(status)) {
        running("statutory", "firstDisposal", recv, 15);
        running("statutory", "handling", accepted, 60);
      }
      if (ASSIGNED_OR_LATER.has(status)) met("statutory", "firstDisposal", recv, 15);
      if (status === "assigned") {
        running("statutory", "handling", accepted, 60);
        running("assigned", "assigned", assignedOn, 10 + Math.floor(next() * 20));
        running("statutory", "objection", assignedOn, 7);
      }
      if (status === "handling" || status === "result_reported" || status === "vetted") {
        running("statutory", "handling", accepted, 60);
        if (status === "handling") running("assigned", "assigned", assignedOn, 10 + Math.floor(next() * 40));
        else met("assigned", "assigned", assignedOn, 30);
        met("statutory", "objection", assignedOn, 7);
      }
      if (status === "replied") {
        const served = addCalendarDays(assignedOn, 20);
        running("statutory", "evaluationWindow", served, 7);
        running("statutory", "reviewRequest", served, 30);
      }
      if (status === "under_review")
        running("statutory", "reviewDecision", addCalendarDays(assignedOn, 30), 30);
      if (status === "under_reexam")
        running("statutory", "reexamDecision", addCalendarDays(assignedOn, 45), 30);
    }

    // The lead unit (never on the accused side), sometimes after an earlier lead sent it back.
    const lawful = handlers.filter((u) => !isAccusedSide(u.path, u.kind, accused?.path ?? null));
    const hadObjection = (status === "signed_off" || ASSIGNED_OR_LATER.has(status)) && next() < 0.08;
    const lead = pick(lawful);
    if (hadObjection) {
      const earlier = pick(lawful.filter((u) => u.id !== lead.id));
      if (earlier)
        assignments.push({
          case_id: id,
          unit_id: earlier.id,
          role: "lead",
          status: "returned",
          assigned_at: `${assignedOn}T01:00:00Z`,
        });
    }
    if (ASSIGNED_OR_LATER.has(status)) {
      const leadStatus: Record<string, string> = {
        assigned: "pending",
        handling: next() < 0.5 ? "received" : "handling",
        result_reported: "reported",
      };
      if (!assignments.some((a) => a.case_id === id && a.unit_id === lead.id))
        assignments.push({
          case_id: id,
          unit_id: lead.id,
          role: "lead",
          status: leadStatus[status] ?? "accepted",
          assigned_at: `${assignedOn}T02:00:00Z`,
        });
      if (next() < 0.3) {
        const assist = pick(lawful.filter((u) => u.id !== lead.id));
        if (assist && !assignments.some((a) => a.case_id === id && a.unit_id === assist.id))
          assignments.push({
            case_id: id,
            unit_id: assist.id,
            role: "assist",
            status: status === "assigned" ? "pending" : "handling",
            assigned_at: `${assignedOn}T02:00:00Z`,
          });
      }
    }

    // The sign-off chain: the steps before the one whose turn it is are signed.
    const chain = DEFAULT_APPROVAL_CHAIN[severity];
    if (status === "awaiting_signoff") {
      const round = next() < 0.15 ? 2 : 1;
      if (round === 2)
        signoffs.push({
          case_id: id,
          round: 1,
          step: 1,
          role: chain[0],
          decision: "sent_back",
          signed: true,
        });
      const turn = Math.floor(next() * chain.length);
      for (const [k, role] of chain.entries())
        signoffs.push({
          case_id: id,
          round,
          step: k + 1,
          role,
          decision: k < turn ? "approved" : null,
          signed: k < turn,
        });
    } else if (status === "drafting") {
      signoffs.push({ case_id: id, round: 1, step: 1, role: chain[0], decision: "sent_back", signed: true });
    } else if (ACCEPTED_OR_LATER.has(status) && status !== "accepted") {
      for (const [k, role] of chain.entries())
        signoffs.push({ case_id: id, round: 1, step: k + 1, role, decision: "approved", signed: true });
    }
  }

  await q.query(
    `INSERT INTO cases (id, case_number, query_code_hash, channel, status, nature, legal_class, category_id, title,
        content, problem_region_code, region_unit_id, region_path, is_collective, is_first_petition, is_confidential,
        accused_unit_id, accused_path, received_at, registered_at, owner_unit_id, severity, draft_opinion,
        search_text, reply_opinion, reply_text, replied_at, bureau_rating, unit_rating, rated_at)
     SELECT x.id, x.case_number, 'synthetic', x.channel, x.status, x.nature, x.legal_class, x.category_id, x.title,
            x.content, x.problem_region_code, x.region_unit_id, x.region_path, false, true, x.is_confidential,
            x.accused_unit_id, x.accused_path, x.received_at, x.received_at + interval '1 hour', x.owner_unit_id,
            x.severity, x.draft_opinion, x.title || ' ' || x.content,
            CASE WHEN x.replied OR x.rated THEN 'explain' END,
            CASE WHEN x.replied OR x.rated THEN '经调查核实，已依法依规作出处理。' END,
            CASE WHEN x.replied OR x.rated THEN x.received_at + interval '30 days' END,
            CASE WHEN x.rated THEN 'satisfied' END, CASE WHEN x.rated THEN 'satisfied' END,
            CASE WHEN x.rated THEN x.received_at + interval '33 days' END
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, case_number text, channel text, status text, nature text,
            legal_class text, category_id uuid, title text, content text, problem_region_code text,
            region_unit_id uuid, region_path text, is_confidential boolean, accused_unit_id uuid, accused_path text,
            received_at timestamptz, owner_unit_id uuid, severity text, draft_opinion text, replied boolean,
            rated boolean)`,
    [JSON.stringify(cases)],
  );
  await q.query(
    `INSERT INTO case_petitioners (case_id, position, name, id_number_masked, phone_masked, household_region_code)
     SELECT x.id, 0, '张某某', '4190**********1234', '139****5678', x.problem_region_code
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, problem_region_code text)`,
    [JSON.stringify(cases)],
  );
  await q.query(
    `INSERT INTO case_events (case_id, seq, at, actor_label, action, from_status, to_status)
     SELECT x.id, 1, x.received_at + interval '1 hour', '登记员', 'register', NULL, 'registered'
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, received_at timestamptz)`,
    [JSON.stringify(cases)],
  );
  if (assignments.length > 0)
    await q.query(
      `INSERT INTO case_assignments (case_id, unit_id, role, status, assigned_at)
       SELECT x.case_id, x.unit_id, x.role, x.status, x.assigned_at
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, unit_id uuid, role text, status text,
              assigned_at timestamptz)`,
      [JSON.stringify(assignments)],
    );
  if (signoffs.length > 0)
    await q.query(
      `INSERT INTO case_signoffs (case_id, round, step, role, decision, signer_label, signed_at)
       SELECT x.case_id, x.round, x.step, x.role, x.decision, CASE WHEN x.signed THEN '签批人' END,
              CASE WHEN x.signed THEN now() END
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, round int, step int, role text, decision text,
              signed boolean)`,
      [JSON.stringify(signoffs)],
    );
  if (clocks.length > 0)
    await q.query(
      `INSERT INTO case_clocks (case_id, clock, step, started_on, due_on, stopped_at, state, pack)
       SELECT x.case_id, x.clock, x.step, x.started_on, x.due_on,
              CASE WHEN x.state = 'met' THEN x.due_on::timestamptz - interval '1 day' END, x.state, 'national-2022'
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, clock text, step text, started_on date, due_on date,
              state text)`,
      [JSON.stringify(clocks)],
    );
  return cases.map((c) => c.id as string);
}
