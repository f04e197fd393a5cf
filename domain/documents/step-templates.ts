/**
 * The documents of the steps beside the main line of a case (PROCEDURE.md §2): the report of a
 * major or urgent matter up (信访事项报告单, 条例 第二十五条), the hearing's notice and record
 * (听证通知书、听证记录), the mediation agreement (调解协议书), and the bureau's supervision order
 * (督办单), which belongs to a supervision item rather than to one case's letters.
 */

const COMMON = [
  "caseNumber",
  "petitionerName",
  "title",
  "receivedDate",
  "channelName",
  "issuer",
  "issueDate",
] as const;

const HEARING = ["hearingTime", "hearingPlace", "hearingHost", "hearingParticipants"] as const;

export const STEP_DOCUMENT_KINDS = {
  report_up: {
    title: "信访事项报告单",
    forPetitioner: false,
    placeholders: [...COMMON, "reportRecipients", "reportContent", "reportTime", "registeredTime"],
    body: `{{reportRecipients}}：
{{registeredTime}}登记的{{petitionerName}}反映“{{title}}”信访事项（编号：{{caseNumber}}，{{channelName}}），属重大、紧急信访事项，依照《信访工作条例》第二十五条，现报告如下：
{{reportContent}}
本机关已于{{reportTime}}报告，将按照指示继续做好处置工作，有关情况及时续报。`,
  },
  hearing_notice: {
    title: "信访事项听证通知书",
    forPetitioner: true,
    placeholders: [...COMMON, ...HEARING],
    body: `{{petitionerName}}：
你（们）提出的“{{title}}”信访事项（编号：{{caseNumber}}），本机关决定举行听证。现将有关事项通知如下：
听证时间：{{hearingTime}}
听证地点：{{hearingPlace}}
听证主持人：{{hearingHost}}
参加人：{{hearingParticipants}}
请按时参加，并携带身份证件和有关证据材料。不能按时参加的，请提前告知本机关。听证所需时间不计算在办理期限内。`,
  },
  hearing_record: {
    title: "信访事项听证记录",
    forPetitioner: false,
    placeholders: [...COMMON, ...HEARING, "heldDate", "hearingRecord", "hearingOutcome"],
    body: `“{{title}}”信访事项（编号：{{caseNumber}}）听证记录
举行日期：{{heldDate}}；预定时间：{{hearingTime}}；地点：{{hearingPlace}}；主持人：{{hearingHost}}
参加人：{{hearingParticipants}}
听证情况：{{hearingRecord}}
听证结论：{{hearingOutcome}}`,
  },
  mediation: {
    title: "调解协议书",
    forPetitioner: true,
    placeholders: [...COMMON, "mediationParties", "mediationTerms", "mediator", "signedDate"],
    body: `当事人：{{mediationParties}}
就{{petitionerName}}反映的“{{title}}”信访事项（编号：{{caseNumber}}），经{{mediator}}主持调解，各方当事人在平等自愿的基础上达成如下协议：
{{mediationTerms}}
本协议经各方当事人签字之日（{{signedDate}}）起生效，各方应当自觉履行。本协议一式数份，当事人各执一份，调解组织留存一份。`,
  },
} as const satisfies Record<
  string,
  { title: string; forPetitioner: boolean; placeholders: readonly string[]; body: string }
>;

/** The supervision order (督办单) of a supervision item: its own number, addressed to one unit. */
export const BUREAU_TEMPLATES = {
  supervision_order: {
    title: "信访事项督办单",
    forPetitioner: false,
    placeholders: [
      "orderNumber",
      "supervisedUnit",
      "caseNumber",
      "title",
      "requirement",
      "replyDue",
      "leaderName",
      "issuer",
      "issueDate",
    ],
    body: `{{supervisedUnit}}：
{{orderNumber}}
你单位承办的“{{title}}”信访事项（编号：{{caseNumber}}），现予督办。
督办要求：{{requirement}}
督办领导：{{leaderName}}
请于{{replyDue}}前将办理情况书面报送本机关。`,
  },
} as const satisfies Record<
  string,
  { title: string; forPetitioner: boolean; placeholders: readonly string[]; body: string }
>;
