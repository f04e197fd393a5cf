import type { CaseAction } from "../../../../domain/workflow/transitions.ts";
import type { Bi } from "../../../i18n/labels.ts";
import { DECLINE_REASON_LABELS, OPINION_LABELS, SEVERITY_LABELS } from "../../../i18n/labels.ts";

/** One input of a workflow step's form; `name` is the field of the step's request body. */
export interface FieldSpec {
  name: string;
  label: Bi;
  /** "caseId": another case's id (the original a repeat is merged into). */
  kind: "text" | "textarea" | "select" | "number" | "unit" | "units" | "caseId";
  required: boolean;
  options?: Record<string, Bi>;
  min?: number;
  max?: number;
}

const note = (required: boolean, label: Bi = { zh: "说明", en: "Note" }): FieldSpec => ({
  name: "note",
  label,
  kind: "textarea",
  required,
});
const pick = (labels: Record<string, Bi>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, labels[k]!]));
const REPLY = pick(OPINION_LABELS, ["support", "explain", "not_support"]);
const DECISION = pick(OPINION_LABELS, ["uphold", "revise"]);

/**
 * The fields each workflow step asks for, matching the body schemas in server/workflow/steps.ts
 * (a test checks every one against them). The buttons come from the case's `abilities`.
 */
export const ACTION_FIELDS: Record<CaseAction, FieldSpec[]> = {
  screen: [note(false)],
  reject_incomplete: [note(true, { zh: "退回理由", en: "Why it is incomplete" })],
  accept: [note(false)],
  decline: [
    {
      name: "reason",
      label: { zh: "不予受理理由", en: "Reason" },
      kind: "select",
      required: true,
      options: DECLINE_REASON_LABELS,
    },
    note(false),
  ],
  forward: [
    {
      name: "forwardedTo",
      label: { zh: "转送机关", en: "Forward to" },
      kind: "text",
      required: true,
      max: 100,
    },
    note(false),
  ],
  refuse_again: [note(false)],
  report_up: [note(true, { zh: "报告内容", en: "What to report" })],
  merge: [
    {
      name: "intoCaseId",
      label: { zh: "原件（在办案件）ID", en: "Original (open case) ID" },
      kind: "caseId",
      required: true,
      max: 36,
    },
    note(false),
  ],
  simplify: [note(false)],
  draft_opinion: [
    { name: "opinion", label: { zh: "拟办意见", en: "Handling opinion" }, kind: "textarea", required: true },
    {
      name: "severity",
      label: { zh: "缓急程度", en: "Severity" },
      kind: "select",
      required: false,
      options: SEVERITY_LABELS,
    },
  ],
  sign: [
    { name: "instruction", label: { zh: "批示", en: "Instruction" }, kind: "textarea", required: false },
  ],
  send_back: [
    {
      name: "instruction",
      label: { zh: "退回意见", en: "Why it goes back" },
      kind: "textarea",
      required: true,
    },
  ],
  assign: [
    { name: "leadUnitId", label: { zh: "主办单位", en: "Lead unit" }, kind: "unit", required: true },
    {
      name: "assistUnitIds",
      label: { zh: "协办单位", en: "Assisting units" },
      kind: "units",
      required: false,
    },
    {
      name: "dueDays",
      label: { zh: "办理期限（日）", en: "Days to handle" },
      kind: "number",
      required: true,
      min: 1,
      max: 90,
    },
    { name: "instructions", label: { zh: "交办要求", en: "Instructions" }, kind: "textarea", required: true },
  ],
  receive: [note(false)],
  object: [
    { name: "reason", label: { zh: "异议理由", en: "Why it is not ours" }, kind: "textarea", required: true },
  ],
  report_result: [
    { name: "result", label: { zh: "办理结果", en: "Result" }, kind: "textarea", required: true },
    {
      name: "proposedOpinion",
      label: { zh: "拟答复意见", en: "Proposed answer" },
      kind: "select",
      required: true,
      options: REPLY,
    },
  ],
  vet_accept: [note(false)],
  vet_redo: [
    {
      name: "reason",
      label: { zh: "退回理由", en: "Why it must be redone" },
      kind: "textarea",
      required: true,
    },
  ],
  reply: [
    {
      name: "opinion",
      label: { zh: "答复意见", en: "Answer" },
      kind: "select",
      required: true,
      options: REPLY,
    },
    { name: "text", label: { zh: "答复内容", en: "Text of the answer" }, kind: "textarea", required: true },
    {
      name: "legalBasis",
      label: { zh: "法律依据", en: "Legal basis" },
      kind: "text",
      required: true,
      max: 2000,
    },
  ],
  reopen: [
    {
      name: "reason",
      label: { zh: "重新办理理由", en: "Why it is reopened" },
      kind: "textarea",
      required: true,
    },
  ],
  extend: [
    { name: "days", label: { zh: "延长天数", en: "Days" }, kind: "number", required: true, min: 1, max: 90 },
    { name: "reason", label: { zh: "延期理由", en: "Reason" }, kind: "textarea", required: true },
  ],
  follow_up: [note(true, { zh: "回访情况", en: "What was said" })],
  accept_review: [note(false)],
  decide_review: [
    {
      name: "opinion",
      label: { zh: "复查结论", en: "Decision" },
      kind: "select",
      required: true,
      options: DECISION,
    },
    { name: "text", label: { zh: "复查意见", en: "Review opinion" }, kind: "textarea", required: true },
  ],
  accept_reexam: [note(false)],
  decide_reexam: [
    {
      name: "opinion",
      label: { zh: "复核结论", en: "Decision" },
      kind: "select",
      required: true,
      options: DECISION,
    },
    {
      name: "text",
      label: { zh: "复核意见", en: "Reexamination opinion" },
      kind: "textarea",
      required: true,
    },
  ],
  close: [note(false)],
  archive: [note(false)],
};

/** Form values → request body: empty optional fields are left out (the API refuses empty strings). */
export function toActionBody(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null) continue;
    if (typeof v === "string") {
      const s = v.trim();
      if (s) body[f.name] = s;
    } else if (Array.isArray(v)) {
      if (v.length) body[f.name] = v;
    } else body[f.name] = v;
  }
  return body;
}

/** Actions that are workflow steps, in the order of the transition table; other abilities are not buttons. */
export function actionButtons(abilities: readonly string[]): CaseAction[] {
  return (Object.keys(ACTION_FIELDS) as CaseAction[]).filter((a) => abilities.includes(a));
}

/** Steps that cannot be taken back, shown as primary buttons; the rest as default ones. */
export const PRIMARY_ACTIONS: ReadonlySet<CaseAction> = new Set([
  "screen",
  "accept",
  "draft_opinion",
  "sign",
  "assign",
  "receive",
  "report_result",
  "vet_accept",
  "reply",
  "accept_review",
  "decide_review",
  "accept_reexam",
  "decide_reexam",
]);
