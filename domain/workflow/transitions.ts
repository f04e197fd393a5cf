import type { Role } from "../auth/roles.ts";
import type { ClockEvent } from "../calendar/time-limit.ts";
import type { CaseStatus } from "./statuses.ts";

/**
 * The transition table: each action, the statuses it may start from, the status it leads to and
 * the roles that may take it. One function (server/commands/apply-transition.ts) applies it; the
 * API, the abilities sent to the UI and docs/WORKFLOW.md all read this table.
 */
export const CASE_ACTIONS = [
  "screen",
  "reject_incomplete",
  "accept",
  "decline",
  "forward",
  "refuse_again",
  "report_up",
  "merge",
  "simplify",
  "draft_opinion",
  "sign",
  "send_back",
  "assign",
  "receive",
  "object",
  "report_result",
  "vet_accept",
  "vet_redo",
  "reply",
  "reopen",
  "extend",
  "follow_up",
  "accept_review",
  "decide_review",
  "accept_reexam",
  "decide_reexam",
  "close",
  "archive",
] as const;

/** The first-disposal actions: they need nothing on the case beyond its status. */
export const FIRST_DISPOSAL_ACTIONS: readonly CaseAction[] = [
  "screen",
  "reject_incomplete",
  "accept",
  "decline",
  "forward",
  "refuse_again",
  "report_up",
];
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** Other statuses the step may lead to, chosen by its command (a signature that is not the last). */
  alsoTo?: readonly CaseStatus[];
  roles: readonly Role[];
  /**
   * "lead": only staff of the case's lead handling unit may take it (on top of the roles).
   * "appeal": only someone acting for the body the review or reexamination goes to: its own staff,
   * its review office's staff (unless that office gave the answer under review), or, for a county
   * government, the county leaders (server/policies/case-policy.ts `actsForAppealBody`).
   */
  unit?: "lead" | "appeal";
  /** Clocks this step stops (by step name, or all running ones) and the event it starts clocks on. */
  clocks: { stop: readonly string[] | "all"; start?: ClockEvent };
  /** Short description for the docs and the UI. */
  zh: string;
  en: string;
  /**
   * How the step reads where the county's rule pack says the bureau does not vet the lead unit's
   * answer (`answers.replyVettedByBureau` false): the parts that differ. An empty `from` means the
   * step does not exist there.
   */
  unvetted?: Partial<Pick<Transition, "from" | "roles" | "unit" | "zh" | "en">>;
}

/**
 * The parts of a county's rule pack (rules/*.json) that shape the table: whether the petition
 * bureau vets the lead unit's answer before it is served (审核, `answers.replyVettedByBureau`).
 */
export interface WorkflowRules {
  replyVettedByBureau: boolean;
}

/** The rules a resolved rule pack gives the table. */
export function workflowRulesOf(pack: { answers: { replyVettedByBureau: boolean } }): WorkflowRules {
  return { replyVettedByBureau: pack.answers.replyVettedByBureau };
}

const INTAKE: readonly Role[] = ["registrar", "bureau_office"];
const OFFICE: readonly Role[] = ["bureau_office"];
/** Who may accept a review or reexamination request, for the body it goes to (unit "appeal"). */
const APPEAL_INTAKE: readonly Role[] = [
  "bureau_office",
  "unit_staff",
  "local_staff",
  "leader_in_charge",
  "principal_leader",
];
/** The roles that may sign a draft opinion (签批). */
export const SIGNER_ROLES = [
  "bureau_leader",
  "leader_in_charge",
  "principal_leader",
] as const satisfies readonly Role[];
export type SignerRole = (typeof SIGNER_ROLES)[number];
const SIGNERS: readonly Role[] = SIGNER_ROLES;
const HANDLERS: readonly Role[] = ["unit_staff", "unit_leader", "local_staff"];
/**
 * Who signs for the lead unit (条例 第三十二条: the body that handled the matter answers it): a
 * department's head; a township's or village's own staff, who act for it.
 */
const UNIT_SIGNERS: readonly Role[] = ["unit_leader", "local_staff"];

export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  screen: {
    from: ["pending_screening"],
    to: "registered",
    roles: INTAKE,
    clocks: { stop: [] },
    zh: "查实：网上信访件内容完整，转入登记",
    en: "Screen an online item as complete",
  },
  reject_incomplete: {
    from: ["pending_screening"],
    to: "rejected_incomplete",
    roles: INTAKE,
    clocks: { stop: "all" },
    zh: "查实：内容不全或无法联系，退回",
    en: "Reject an incomplete online item",
  },
  accept: {
    from: ["registered"],
    to: "accepted",
    roles: INTAKE,
    clocks: { stop: ["acceptanceNotice"], start: "acceptance" },
    zh: "受理",
    en: "Accept",
  },
  decline: {
    from: ["registered"],
    to: "declined",
    roles: INTAKE,
    clocks: { stop: "all" },
    zh: "不予受理（说明理由和途径）",
    en: "Decline, with a coded reason and the route to take",
  },
  forward: {
    from: ["registered", "accepted"],
    to: "forwarded",
    roles: INTAKE,
    clocks: { stop: "all" },
    zh: "转送有权处理的机关",
    en: "Forward to the body with power (no report back)",
  },
  refuse_again: {
    from: ["registered"],
    to: "refused_again",
    roles: INTAKE,
    clocks: { stop: "all" },
    zh: "不再受理（已终结事项）",
    en: "Refuse again: the matter was terminated",
  },
  report_up: {
    // A report to the Party committee and government is a duty on the side: the case goes on
    // from where it is (an event records the report).
    from: ["registered", "accepted"],
    to: "registered",
    alsoTo: ["accepted"],
    roles: ["registrar", "bureau_office", "bureau_leader"],
    clocks: { stop: [] },
    zh: "重大紧急事项报告（案件继续办理）",
    en: "Report a major or urgent matter up (the case goes on)",
  },
  merge: {
    from: ["pending_screening", "registered", "accepted"],
    to: "merged",
    roles: INTAKE,
    clocks: { stop: "all" },
    zh: "合并到同一事项的在办原件（保留关联）",
    en: "Merge a repeat into its open original (the link is kept)",
  },
  simplify: {
    from: ["accepted"],
    to: "signed_off",
    roles: OFFICE,
    clocks: { stop: [] },
    zh: "简易办理（首次信访、事实清楚，10个工作日内出具意见）",
    en: "Simplified procedure: a clear first petition, opinion within 10 working days",
  },
  draft_opinion: {
    from: ["accepted", "drafting"],
    to: "awaiting_signoff",
    roles: OFFICE,
    clocks: { stop: [] },
    zh: "拟办意见，报领导签批",
    en: "Draft the handling opinion and send it for sign-off",
  },
  sign: {
    from: ["awaiting_signoff"],
    to: "signed_off",
    alsoTo: ["awaiting_signoff"],
    roles: SIGNERS,
    clocks: { stop: [] },
    zh: "签批（同意，可附批示）",
    en: "Sign off, with an optional instruction (the chain's next signer, or done)",
  },
  send_back: {
    from: ["awaiting_signoff"],
    to: "drafting",
    roles: SIGNERS,
    clocks: { stop: [] },
    zh: "退回重拟",
    en: "Send the draft back with an instruction",
  },
  assign: {
    from: ["signed_off"],
    to: "assigned",
    roles: OFFICE,
    clocks: { stop: ["firstDisposal"], start: "assignment" },
    zh: "交办承办单位（主办、协办，限期）",
    en: "Assign to a lead unit (and assisting units) with a deadline",
  },
  receive: {
    from: ["assigned"],
    to: "handling",
    roles: HANDLERS,
    unit: "lead",
    // Received means the unit takes the matter: the window to object closes.
    clocks: { stop: ["objection"] },
    zh: "签收",
    en: "Receive the assignment",
  },
  object: {
    from: ["assigned"],
    to: "signed_off",
    roles: HANDLERS,
    unit: "lead",
    clocks: { stop: ["objection", "assigned"] },
    zh: "异议退回（非本单位职责，5个工作日内）",
    en: "Object: not this unit's responsibility (within 5 working days)",
  },
  report_result: {
    from: ["handling"],
    to: "result_reported",
    roles: HANDLERS,
    unit: "lead",
    clocks: { stop: ["assigned", "objection"] },
    zh: "报送办结报告",
    en: "Report the result",
  },
  vet_accept: {
    from: ["result_reported"],
    to: "vetted",
    roles: OFFICE,
    clocks: { stop: [] },
    zh: "审核通过办理结果",
    en: "Accept the result report",
    unvetted: { from: [] },
  },
  vet_redo: {
    from: ["result_reported"],
    to: "handling",
    roles: OFFICE,
    clocks: { stop: [] },
    zh: "审核不通过，重办",
    en: "Send the result back for redo",
    unvetted: { from: [] },
  },
  reply: {
    from: ["vetted"],
    to: "replied",
    roles: OFFICE,
    clocks: { stop: ["handling", "resolution", "simplified"], start: "reply_served" },
    zh: "答复信访人（处理意见书）",
    en: "Reply to the petitioner with the opinion letter",
    // Without the bureau's vetting the lead unit serves its own answer once it has reported it (and
    // one the bureau had vetted before the county's pack changed).
    unvetted: {
      from: ["result_reported", "vetted"],
      roles: UNIT_SIGNERS,
      unit: "lead",
      zh: "承办单位答复信访人（处理意见书，不经信访部门审核）",
      en: "The lead unit serves its answer (opinion letter) itself, without the bureau's vetting",
    },
  },
  reopen: {
    from: ["evaluated"],
    to: "handling",
    roles: OFFICE,
    clocks: { stop: [] },
    zh: "信访人不满意，重新交承办单位办理",
    en: "Reopen for redo after a dissatisfied rating",
  },
  extend: {
    from: ["handling"],
    to: "handling",
    roles: ["unit_leader"],
    unit: "lead",
    clocks: { stop: [] },
    zh: "延期（承办单位负责人批准，告知信访人理由）",
    en: "Extend the handling time limit (approved by the unit's head; the petitioner is told why)",
  },
  follow_up: {
    from: ["replied", "evaluated"],
    to: "replied",
    alsoTo: ["evaluated"],
    roles: OFFICE,
    clocks: { stop: [] },
    zh: "回访信访人",
    en: "Record a follow-up call with the petitioner",
  },
  accept_review: {
    from: ["review_requested"],
    to: "under_review",
    roles: APPEAL_INTAKE,
    unit: "appeal",
    clocks: { stop: [], start: "review_received" },
    zh: "受理复查申请",
    en: "Accept the petitioner's request for review",
  },
  decide_review: {
    from: ["under_review"],
    to: "reviewed",
    roles: ["leader_in_charge", "principal_leader", "unit_leader"],
    unit: "appeal",
    clocks: { stop: ["reviewDecision"] },
    zh: "作出复查意见",
    en: "Decide the review (复查意见书)",
  },
  accept_reexam: {
    from: ["reexam_requested"],
    to: "under_reexam",
    roles: APPEAL_INTAKE,
    unit: "appeal",
    clocks: { stop: [], start: "reexam_received" },
    zh: "受理复核申请",
    en: "Accept the petitioner's request for reexamination",
  },
  decide_reexam: {
    from: ["under_reexam"],
    to: "terminated",
    roles: ["principal_leader", "unit_leader"],
    unit: "appeal",
    clocks: { stop: "all" },
    zh: "作出复核意见，信访事项终结",
    en: "Decide the reexamination; the matter is terminated",
  },
  close: {
    from: ["replied", "evaluated", "reviewed"],
    to: "closed",
    roles: OFFICE,
    clocks: { stop: "all" },
    zh: "结案",
    en: "Close the case",
  },
  archive: {
    from: ["closed", "terminated", "declined", "forwarded", "refused_again", "rejected_incomplete", "merged"],
    to: "archived",
    roles: OFFICE,
    clocks: { stop: "all" },
    zh: "归档",
    en: "Archive the case",
  },
};

const UNVETTED_TRANSITIONS: Readonly<Record<CaseAction, Transition>> = Object.fromEntries(
  CASE_ACTIONS.map((a) => {
    const { unvetted, ...t } = TRANSITIONS[a];
    return [a, { ...t, ...unvetted }];
  }),
) as Record<CaseAction, Transition>;

/**
 * The table as a county's rule pack shapes it: `TRANSITIONS` where the bureau vets the answers,
 * with each step's `unvetted` parts where it does not.
 */
export function transitionTable(rules: WorkflowRules): Readonly<Record<CaseAction, Transition>> {
  return rules.replyVettedByBureau ? TRANSITIONS : UNVETTED_TRANSITIONS;
}

/** Steps only the petitioner takes, through the public API with the case number and query code. */
export const PETITIONER_STEPS = {
  evaluate: { from: ["replied"], to: "evaluated" },
  request_review: { from: ["replied", "evaluated"], to: "review_requested" },
  request_reexam: { from: ["reviewed"], to: "reexam_requested" },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

/**
 * Actions the table (as the county's rules shape it) allows from this status for these roles.
 * `isLeadUnit` says whether the user belongs to the case's lead handling unit, `actsForAppeal` whether the user acts for the body a
 * review or reexamination goes to (for unit-scoped actions); finer checks (whose turn it is to
 * sign) are the command's.
 */
export function actionsFrom(
  rules: WorkflowRules,
  status: CaseStatus,
  roles: readonly Role[],
  isLeadUnit = false,
  actsForAppeal = false,
): CaseAction[] {
  const table = transitionTable(rules);
  return CASE_ACTIONS.filter((a) => {
    const t = table[a];
    const unitOk = t.unit === "lead" ? isLeadUnit : t.unit === "appeal" ? actsForAppeal : true;
    return t.from.includes(status) && t.roles.some((r) => roles.includes(r)) && unitOk;
  });
}

export const REPLY_OPINIONS = ["support", "explain", "not_support"] as const;
export type ReplyOpinion = (typeof REPLY_OPINIONS)[number];

/**
 * Who signs a draft, in order, by case severity, until the bureau sets its own chain
 * (setting `workflow.approval_chain`, see approval-chain.ts).
 */
export const DEFAULT_APPROVAL_CHAIN: Readonly<Record<"urgent" | "general" | "major", readonly SignerRole[]>> =
  {
    urgent: ["bureau_leader", "leader_in_charge"],
    general: ["bureau_leader", "leader_in_charge"],
    major: ["bureau_leader", "leader_in_charge", "principal_leader"],
  };

/**
 * Why a petition is not accepted (PROCEDURE.md §3). Each is printed on the notice with the route
 * the petitioner should take instead.
 */
export const DECLINE_REASONS = {
  court_matter: { zh: "属于人民法院、人民检察院职权范围", route: "向人民法院或人民检察院提出" },
  congress_matter: { zh: "属于各级人民代表大会及其常委会职权范围", route: "向人民代表大会常务委员会提出" },
  in_litigation: {
    zh: "已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决",
    route: "依照有关法律、行政法规规定的程序向有关机关提出",
  },
  already_accepted: { zh: "同一事项已受理且在办理期限内，又向上级机关提出", route: "等待原受理机关办理答复" },
  level_skipping: { zh: "越级走访", route: "向依法有权处理的本级或者上一级机关提出" },
  terminated: { zh: "已复核终结，以同一事实和理由再次提出", route: "不再受理" },
  litigation_concluded: { zh: "涉法涉诉事项已依法终结", route: "依法不再受理" },
  anonymous_unclear: { zh: "匿名或者诉求不明确", route: "补充真实姓名、联系方式及明确诉求后重新提出" },
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;
