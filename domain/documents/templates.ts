/**
 * The notices and documents a bureau issues on a case (PROCEDURE.md §2), as templates with
 * `{{placeholders}}`. The code carries a default for each kind; a bureau edits its own copy
 * (document_templates) without touching code, and only the placeholders of the kind are allowed.
 */

import { PAGE_TEMPLATES } from "./page-templates.ts";
import { BUREAU_TEMPLATES, STEP_DOCUMENT_KINDS } from "./step-templates.ts";

const COMMON = [
  "caseNumber",
  "petitionerName",
  "title",
  "receivedDate",
  "channelName",
  "issuer",
  "issueDate",
] as const;

export const DOCUMENT_KINDS = {
  acceptance: {
    title: "信访事项受理告知书",
    forPetitioner: true,
    placeholders: [...COMMON, "acceptedDate", "handlingDue", "queryCode"],
    body: `{{petitionerName}}：
你（们）于{{receivedDate}}通过{{channelName}}提出的“{{title}}”信访事项（编号：{{caseNumber}}），经审查，符合受理条件，本机关已于{{acceptedDate}}依法受理。
本机关将依照规定的程序和期限办理，并于{{handlingDue}}前向你（们）出具书面处理意见。情况复杂需要延长办理期限的，将另行告知。
你（们）可以凭信访事项编号和查询码（{{queryCode}}）在网上查询办理进度、评价办理结果、申请复查。查询码请妥善保管，遗失的可持本人身份证件到本机关重新获取，原查询码随即失效。
特此告知。`,
  },
  receipt: {
    title: "信访事项登记回执",
    forPetitioner: true,
    placeholders: [...COMMON, "queryCode"],
    body: `{{petitionerName}}：
你（们）于{{receivedDate}}通过{{channelName}}反映的“{{title}}”已登记，信访事项编号：{{caseNumber}}，查询码：{{queryCode}}。
本机关将在规定期限内告知你（们）是否受理。你（们）可以凭信访事项编号和查询码在网上查询办理进度、评价办理结果。查询码请妥善保管，遗失的可持本人身份证件到本机关重新获取，原查询码随即失效。
特此回执。`,
  },
  decline: {
    title: "信访事项不予受理告知书",
    forPetitioner: true,
    placeholders: [...COMMON, "declineReason", "declineRoute"],
    body: `{{petitionerName}}：
你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNumber}}），经审查，{{declineReason}}，依照《信访工作条例》的有关规定，本机关不予受理。
请你（们）{{declineRoute}}。
特此告知。`,
  },
  refuse_again: {
    title: "信访事项不再受理告知书",
    forPetitioner: true,
    placeholders: [...COMMON],
    body: `{{petitionerName}}：
你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNumber}}），与已经依法办理终结的信访事项属于同一事实和理由。依照《信访工作条例》的有关规定，本机关不再受理。
特此告知。`,
  },
  forward: {
    title: "信访事项转送告知书",
    forPetitioner: true,
    placeholders: [...COMMON, "forwardedTo"],
    body: `{{petitionerName}}：
你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNumber}}），属于{{forwardedTo}}的职权范围，本机关已于{{issueDate}}转送{{forwardedTo}}依法处理，请你（们）与其联系。
特此告知。`,
  },
  assignment: {
    title: "信访事项交办单",
    forPetitioner: false,
    placeholders: [
      ...COMMON,
      "leadUnit",
      "assistUnits",
      "draftOpinion",
      "signoffInstructions",
      "assignInstructions",
      "assignDue",
    ],
    body: `{{leadUnit}}：
现将{{petitionerName}}反映的“{{title}}”信访事项（编号：{{caseNumber}}）交你单位主办，协办单位：{{assistUnits}}。
拟办意见：{{draftOpinion}}
领导批示：{{signoffInstructions}}
交办要求：{{assignInstructions}}
请于{{assignDue}}前办结，并将办理结果书面报送本机关。认为不属于本单位职责范围的，请自收到本交办单之日起5个工作日内提出异议并说明理由。`,
  },
  extension: {
    title: "延长信访事项办理期限告知书",
    forPetitioner: true,
    placeholders: [...COMMON, "leadUnit", "extensionReason", "extensionDays", "extendedDue"],
    body: `{{petitionerName}}：
你（们）提出的“{{title}}”信访事项（编号：{{caseNumber}}），因{{extensionReason}}，经{{leadUnit}}负责人批准，办理期限延长{{extensionDays}}日，至{{extendedDue}}。
特此告知。`,
  },
  reply: {
    title: "信访事项处理意见书",
    forPetitioner: true,
    placeholders: [
      ...COMMON,
      "replyText",
      "replyOpinion",
      "legalBasis",
      "reviewUntil",
      "reviewBody",
      "reviewDays",
      "vettedBy",
    ],
    body: `{{petitionerName}}：
你（们）于{{receivedDate}}提出的“{{title}}”信访事项（编号：{{caseNumber}}），本机关已依法办理，现答复如下：
{{replyText}}
处理意见：{{replyOpinion}}。
依据：{{legalBasis}}
{{vettedBy}}
你（们）对本处理意见不服的，可以自收到本意见书之日起{{reviewDays}}日内，即{{reviewUntil}}（含当日）前，向{{reviewBody}}请求复查。`,
  },
  review: {
    title: "信访事项复查意见书",
    forPetitioner: true,
    placeholders: [...COMMON, "reviewText", "reviewOpinion", "reexamUntil", "reexamBody"],
    body: `{{petitionerName}}：
你（们）对“{{title}}”信访事项（编号：{{caseNumber}}）的处理意见不服，请求复查。经复查，意见如下：
{{reviewText}}
复查结论：{{reviewOpinion}}。
你（们）对本复查意见不服的，可以在{{reexamUntil}}（含当日）前向{{reexamBody}}请求复核。`,
  },
  reexam: {
    title: "信访事项复核意见书",
    forPetitioner: true,
    placeholders: [...COMMON, "reexamText", "reexamOpinion"],
    body: `{{petitionerName}}：
你（们）对“{{title}}”信访事项（编号：{{caseNumber}}）的复查意见不服，请求复核。经复核，意见如下：
{{reexamText}}
复核结论：{{reexamOpinion}}。
本复核意见为终结意见。你（们）仍以同一事实和理由提出信访事项的，各级机关不再受理。`,
  },
  ...STEP_DOCUMENT_KINDS,
} as const satisfies Record<
  string,
  { title: string; forPetitioner: boolean; placeholders: readonly string[]; body: string }
>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_NAMES = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

/** Every editable template: the case documents and the published texts (the privacy notice). */
export const TEMPLATE_KINDS = { ...DOCUMENT_KINDS, ...PAGE_TEMPLATES, ...BUREAU_TEMPLATES };
export type TemplateKind = keyof typeof TEMPLATE_KINDS;
export const TEMPLATE_KIND_NAMES = Object.keys(TEMPLATE_KINDS) as [TemplateKind, ...TemplateKind[]];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * What is inside every `{{…}}` of a body, and every brace pair left unclosed or unopened:
 * whatever is written between the braces counts, so `{{unknown_thing}}`, `{{ 姓名 }}` or a lone
 * `{{title` cannot pass as text that a letter would print.
 */
export function placeholderTokens(body: string): string[] {
  const tokens: string[] = [];
  const rest = body.replace(/\{\{([^{}]*)\}\}/g, (_raw, inner: string) => {
    tokens.push(inner.trim());
    return "";
  });
  // A brace pair left alone is named as it is written.
  for (const m of rest.matchAll(/\{\{|\}\}/g)) tokens.push(m[0]);
  return tokens;
}

/** Placeholders used in a template body that its kind does not supply (an edit must fix them). */
export function unknownPlaceholders(kind: TemplateKind, body: string): string[] {
  const allowed = new Set<string>(TEMPLATE_KINDS[kind].placeholders);
  const bad = placeholderTokens(body).filter((t) => !allowed.has(t));
  return [...new Set(bad)];
}

/** Fills a template: every placeholder gets its value; a missing value is an error, not a blank. */
export function fillTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(PLACEHOLDER, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`no value for placeholder {{${key}}}`);
    return v;
  });
}

/** 2026-03-02 → 2026年3月2日, the way official letters write dates. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`not a date: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
