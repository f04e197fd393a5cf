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
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  roles: readonly Role[];
  /** Clocks this step stops (by step name, or all running ones) and the event it starts clocks on. */
  clocks: { stop: readonly string[] | "all"; start?: ClockEvent };
  /** Short description for the docs and the UI. */
  zh: string;
  en: string;
}

const INTAKE: readonly Role[] = ["registrar", "bureau_office"];

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
    from: ["registered", "accepted"],
    to: "reported_up",
    roles: ["registrar", "bureau_office", "bureau_leader"],
    clocks: { stop: ["firstDisposal"] },
    zh: "重大紧急事项报告",
    en: "Report a major or urgent matter up",
  },
};

export function actionsFrom(status: CaseStatus, roles: readonly Role[]): CaseAction[] {
  return CASE_ACTIONS.filter((a) => {
    const t = TRANSITIONS[a];
    return t.from.includes(status) && t.roles.some((r) => roles.includes(r));
  });
}

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
