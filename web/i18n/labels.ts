import type { ClockEvent } from "../../domain/calendar/time-limit.ts";
import type { MatterReason, PersonReason, RepeatVerdict } from "../../domain/similarity/repeat.ts";
import type { AwaitedStep, Inbox } from "../../domain/workflow/inboxes.ts";
import type { CaseStatus, Channel, Nature } from "../../domain/workflow/statuses.ts";
import type { CaseAction } from "../../domain/workflow/transitions.ts";

/** A label in both languages. */
export interface Bi {
  zh: string;
  en: string;
}

export const STATUS_LABELS: Record<CaseStatus, Bi> = {
  pending_screening: { zh: "待查实", en: "Awaiting screening" },
  registered: { zh: "已登记", en: "Registered" },
  rejected_incomplete: { zh: "查实退回", en: "Rejected as incomplete" },
  accepted: { zh: "已受理", en: "Accepted" },
  declined: { zh: "不予受理", en: "Declined" },
  forwarded: { zh: "已转送", en: "Forwarded" },
  refused_again: { zh: "不再受理", en: "Refused again" },
  drafting: { zh: "拟办中", en: "Drafting" },
  awaiting_signoff: { zh: "待签批", en: "Awaiting sign-off" },
  signed_off: { zh: "已签批", en: "Signed off" },
  assigned: { zh: "已交办", en: "Assigned" },
  handling: { zh: "办理中", en: "Handling" },
  result_reported: { zh: "已报结", en: "Result reported" },
  vetted: { zh: "已审核", en: "Vetted" },
  replied: { zh: "已答复", en: "Replied" },
  evaluated: { zh: "已评价", en: "Rated" },
  review_requested: { zh: "申请复查", en: "Review requested" },
  under_review: { zh: "复查中", en: "Under review" },
  reviewed: { zh: "已复查", en: "Reviewed" },
  reexam_requested: { zh: "申请复核", en: "Reexamination requested" },
  under_reexam: { zh: "复核中", en: "Under reexamination" },
  terminated: { zh: "已终结", en: "Terminated" },
  merged: { zh: "已合并", en: "Merged" },
  closed: { zh: "已结案", en: "Closed" },
  archived: { zh: "已归档", en: "Archived" },
};

/** The statuses as a citizen reads them on the portal, where the clerk's word differs. */
export const CITIZEN_STATUS_LABELS: Record<CaseStatus, Bi> = {
  ...STATUS_LABELS,
  pending_screening: { zh: "待核实", en: "Being checked" },
  rejected_incomplete: { zh: "内容不全，已退回", en: "Returned as incomplete" },
  drafting: { zh: "正在研究处理意见", en: "Deciding how to handle it" },
  awaiting_signoff: { zh: "正在研究处理意见", en: "Deciding how to handle it" },
  signed_off: { zh: "正在研究处理意见", en: "Deciding how to handle it" },
  result_reported: { zh: "正在办理", en: "Being handled" },
  vetted: { zh: "正在办理", en: "Being handled" },
};

export const CHANNEL_LABELS: Record<Channel, Bi> = {
  letter: { zh: "来信", en: "Letter" },
  visit: { zh: "来访", en: "Visit" },
  online: { zh: "网上信访", en: "Online" },
  phone: { zh: "来电", en: "Phone" },
  referral: { zh: "上级交转", en: "Referral" },
};

/** Where a visit went (去向层级), as the bureau's report names it. */
export const DESTINATION_LABELS = {
  county: { zh: "来县", en: "To the county" },
  municipal: { zh: "去市", en: "To the city" },
  provincial: { zh: "赴省", en: "To the province" },
  national: { zh: "进京", en: "To Beijing" },
} as const satisfies Record<string, Bi>;

export const NATURE_LABELS: Record<Nature, Bi> = {
  request: { zh: "求决", en: "Request" },
  suggestion: { zh: "建议", en: "Suggestion" },
  appeal: { zh: "申诉", en: "Appeal" },
  accusation: { zh: "揭发控告", en: "Accusation" },
  inquiry: { zh: "咨询", en: "Inquiry" },
};

/** The kinds of matter as the portal offers them to a citizen, in plain words. */
export const PORTAL_NATURE_LABELS: Record<Nature, Bi> = {
  request: { zh: "求助求决（请求解决实际问题）", en: "A request (to have a problem solved)" },
  suggestion: { zh: "意见建议", en: "A suggestion" },
  appeal: { zh: "申诉（对处理决定不服）", en: "An appeal (against a decision)" },
  accusation: { zh: "检举控告（反映违法违纪行为）", en: "An accusation (of wrongdoing)" },
  inquiry: { zh: "咨询", en: "A question" },
};

/** Short button labels; the long descriptions are TRANSITIONS[action].zh/en. */
export const ACTION_LABELS: Record<CaseAction, Bi> = {
  screen: { zh: "查实", en: "Screen" },
  reject_incomplete: { zh: "退回", en: "Reject" },
  accept: { zh: "受理", en: "Accept" },
  decline: { zh: "不予受理", en: "Decline" },
  forward: { zh: "转送", en: "Forward" },
  refuse_again: { zh: "不再受理", en: "Refuse again" },
  report_up: { zh: "上报", en: "Report up" },
  merge: { zh: "合并", en: "Merge" },
  simplify: { zh: "简易办理", en: "Simplified procedure" },
  draft_opinion: { zh: "拟办", en: "Draft opinion" },
  sign: { zh: "签批", en: "Sign" },
  send_back: { zh: "退回重拟", en: "Send back" },
  assign: { zh: "交办", en: "Assign" },
  receive: { zh: "签收", en: "Receive" },
  object: { zh: "异议退回", en: "Object" },
  report_result: { zh: "报送办结", en: "Report result" },
  vet_accept: { zh: "审核通过", en: "Approve result" },
  vet_redo: { zh: "审核退回重办", en: "Send back for redo" },
  reply: { zh: "答复", en: "Reply" },
  reopen: { zh: "重新办理", en: "Reopen" },
  extend: { zh: "延期", en: "Extend" },
  follow_up: { zh: "回访", en: "Follow up" },
  accept_review: { zh: "受理复查", en: "Accept review" },
  decide_review: { zh: "复查意见", en: "Decide review" },
  accept_reexam: { zh: "受理复核", en: "Accept reexamination" },
  decide_reexam: { zh: "复核意见", en: "Decide reexamination" },
  close: { zh: "结案", en: "Close" },
  archive: { zh: "归档", en: "Archive" },
};

/** The steps "my to-dos" waits for: the workflow actions and the referral of an outside appeal. */
export const AWAITED_STEP_LABELS: Record<AwaitedStep, Bi> = {
  ...ACTION_LABELS,
  refer_appeal: { zh: "转交系统外机关", en: "Refer outside the system" },
};

/** Events that are not workflow actions. */
export const EVENT_LABELS: Record<string, Bi> = {
  register: { zh: "登记", en: "Registered" },
  evaluate: { zh: "信访人评价", en: "Rated by the petitioner" },
  request_review: { zh: "信访人申请复查", en: "Review requested by the petitioner" },
  request_reexam: { zh: "信访人申请复核", en: "Reexamination requested by the petitioner" },
  accused_unit_set: { zh: "记录被检举控告单位", en: "Accused unit recorded" },
  confidentiality_lifted: { zh: "解除保密", en: "Confidentiality lifted" },
  confidentiality_set: { zh: "恢复保密", en: "Made confidential again" },
  reclassified: { zh: "调整分类", en: "Reclassified" },
  document_issued: { zh: "出具文书", en: "Document issued" },
  query_code_issued: {
    zh: "发放查询码（原码失效）",
    en: "New query code issued (the old one stops working)",
  },
  appeal_referred: { zh: "申请已转至系统外机关", en: "Request referred to a body outside the system" },
  merged_in: { zh: "并入重复件", en: "A repeat merged in" },
  repeat_decision: { zh: "重复件判定", en: "Repeat decision" },
  clock_warning: { zh: "期限预警", en: "Deadline warning" },
  clock_breached: { zh: "超期", en: "Deadline breached" },
  clock_recomputed: { zh: "期限重算（调休确认）", en: "Due date recomputed (make-up days confirmed)" },
  reported_up: { zh: "重大紧急事项报告", en: "Reported up" },
  report_instruction: { zh: "收到报告批示", en: "Instruction received on the report" },
  hearing_scheduled: { zh: "安排听证", en: "Hearing scheduled" },
  hearing_held: { zh: "听证已举行", en: "Hearing held" },
  hearing_cancelled: { zh: "取消听证", en: "Hearing cancelled" },
  hearing_rescheduled: { zh: "听证改期", en: "Hearing rescheduled" },
  clock_paused: { zh: "听证时间不计入期限，期限顺延", en: "Hearing time not counted: due date moved" },
  mediation_recorded: { zh: "达成调解协议", en: "Mediation agreement recorded" },
  // The bureau's own work that touches a case (server/bureau/).
  leader_reception: { zh: "领导接访", en: "Leader reception" },
  outreach_planned: { zh: "列入领导下访", en: "Outreach planned" },
  outreach_result: { zh: "下访结果", en: "Outreach result" },
  ownership_start: { zh: "领导包案", en: "Leader took ownership" },
  ownership_resolved: { zh: "包案化解", en: "Ownership resolved" },
  ownership_withdrawn: { zh: "包案撤销", en: "Ownership withdrawn" },
  ownership_duty_done: { zh: "包案职责落实", en: "Ownership duty done" },
  ownership_milestone_done: { zh: "包案节点完成", en: "Ownership milestone reached" },
  ownership_note: { zh: "包案进展", en: "Ownership progress" },
  conference_agenda: { zh: "列入联席会议议题", en: "On a joint meeting's agenda" },
  conference_decision: { zh: "联席会议决定", en: "Joint meeting decision" },
  conference_progress: { zh: "会议决定落实进展", en: "Progress on a meeting decision" },
  conference_decision_done: { zh: "会议决定已落实", en: "Meeting decision carried out" },
  conference_cancelled: { zh: "联席会议取消", en: "Joint meeting cancelled" },
  supervision_reminder: { zh: "督办提醒", en: "Supervision reminder" },
  supervision_order: { zh: "督办单", en: "Supervision order" },
  supervision_flag: { zh: "挂牌督办", en: "Flagged for supervision" },
  supervision_reply: { zh: "督办回复", en: "Supervision reply" },
  supervision_order_reply: { zh: "督办单回复", en: "Supervision order answered" },
  bulletin_cited: { zh: "列入督查通报", en: "Cited in a supervision bulletin" },
  backlog_marked: { zh: "列为信访积案", en: "Marked as backlog" },
  backlog_cleared: { zh: "积案化解", en: "Backlog cleared" },
  dispute_linked: { zh: "关联矛盾纠纷", en: "Linked to a dispute" },
  dispute_resolved: { zh: "矛盾纠纷化解", en: "Dispute resolved" },
  dispute_handed_over: { zh: "矛盾纠纷移交", en: "Dispute handed over" },
};

export const CLOCK_LABELS: Record<string, Bi> = {
  statutory: { zh: "法定时限", en: "Statutory limit" },
  assigned: { zh: "交办期限", en: "Assigned deadline" },
  internal: { zh: "内部目标", en: "Internal target" },
};

export const STEP_LABELS: Record<string, Bi> = {
  firstDisposal: { zh: "首次处理（登记后）", en: "First disposal" },
  acceptanceNotice: { zh: "告知受理", en: "Acceptance notice" },
  objection: { zh: "异议期", en: "Objection window" },
  handling: { zh: "办理", en: "Handling" },
  assigned: { zh: "交办办理", en: "Assigned handling" },
  resolution: { zh: "办结目标", en: "Resolution target" },
  reviewRequest: { zh: "申请复查期", en: "Review request window" },
  reviewDecision: { zh: "复查", en: "Review decision" },
  reexamRequest: { zh: "申请复核期", en: "Reexamination request window" },
  reexamDecision: { zh: "复核", en: "Reexamination decision" },
  evaluationWindow: { zh: "评价期", en: "Rating window" },
  supervisionReply: { zh: "督办回复", en: "Supervision reply" },
  extensionMax: { zh: "延期上限", en: "Longest extension" },
  simplified: { zh: "简易办理", en: "Simplified handling" },
  // The county's internal targets are named by severity.
  urgent: { zh: "急案", en: "Urgent case" },
  general: { zh: "一般案件", en: "General case" },
  major: { zh: "大案", en: "Major case" },
};

/** The event a time limit is counted from (domain/calendar/time-limit.ts). */
export const CLOCK_EVENT_LABELS: Record<ClockEvent, Bi> = {
  receipt: { zh: "收到之日", en: "Receipt" },
  registration: { zh: "登记之日", en: "Registration" },
  acceptance: { zh: "受理之日", en: "Acceptance" },
  assignment: { zh: "交办之日", en: "Assignment" },
  original_due: { zh: "原期限届满", en: "Original due date" },
  reply_served: { zh: "答复送达之日", en: "Answer delivered" },
  review_received: { zh: "收到复查请求之日", en: "Review request received" },
  review_served: { zh: "复查意见送达之日", en: "Review decision delivered" },
  reexam_received: { zh: "收到复核请求之日", en: "Reexamination request received" },
  supervision_issued: { zh: "督办发出之日", en: "Supervision issued" },
};

export const CLOCK_STATE_LABELS: Record<string, Bi> = {
  running: { zh: "计时中", en: "Running" },
  met: { zh: "按期", en: "Met" },
  breached: { zh: "超期", en: "Breached" },
};

export const OPINION_LABELS: Record<string, Bi> = {
  support: { zh: "支持", en: "Supported" },
  explain: { zh: "解释说明", en: "Explained" },
  not_support: { zh: "不支持", en: "Not supported" },
  uphold: { zh: "维持", en: "Upheld" },
  revise: { zh: "撤销或变更", en: "Revised" },
};

export const RATING_LABELS: Record<string, Bi> = {
  satisfied: { zh: "满意", en: "Satisfied" },
  basically_satisfied: { zh: "基本满意", en: "Basically satisfied" },
  dissatisfied: { zh: "不满意", en: "Dissatisfied" },
};

export const SEVERITY_LABELS: Record<string, Bi> = {
  urgent: { zh: "急案", en: "Urgent" },
  general: { zh: "一般", en: "General" },
  major: { zh: "大案", en: "Major" },
};

export const DECLINE_REASON_LABELS: Record<string, Bi> = {
  court_matter: { zh: "属于法院、检察院职权范围", en: "A matter for the courts or procuratorate" },
  congress_matter: { zh: "属于人大及其常委会职权范围", en: "A matter for the people's congress" },
  in_litigation: {
    zh: "应通过诉讼、仲裁、复议等途径解决",
    en: "Belongs in litigation, arbitration or review",
  },
  already_accepted: { zh: "同一事项已受理且在办理期限内", en: "Already accepted and within its time limit" },
  level_skipping: { zh: "越级走访", en: "Skipped a level" },
  terminated: { zh: "已复核终结", en: "Already terminated" },
  litigation_concluded: { zh: "涉法涉诉事项已依法终结", en: "Litigation concluded" },
  anonymous_unclear: { zh: "匿名或诉求不明确", en: "Anonymous or unclear" },
};

/** What each step means for the citizen, in plain words, for the portal's timeline. */
export const CITIZEN_STEP_TEXT: Record<string, Bi> = {
  register: {
    zh: "您的信访事项已收到并登记。",
    en: "Your petition was received and registered.",
  },
  screen: { zh: "工作人员已核实您提交的内容。", en: "Staff checked what you sent." },
  reject_incomplete: {
    zh: "内容不完整或无法联系，已退回，可补充后重新提交。",
    en: "It was incomplete or you could not be reached; you may submit again with the missing details.",
  },
  accept: {
    zh: "已依法受理，将在法定期限内办理并答复您。",
    en: "It was accepted; you will get an answer within the legal time limit.",
  },
  decline: {
    zh: "不予受理，告知书写明了理由和您可以采取的途径。",
    en: "It was not accepted; the notice tells you why and where to turn instead.",
  },
  forward: {
    zh: "已转送有权处理的机关。",
    en: "It was forwarded to the body that has the power to handle it.",
  },
  draft_opinion: { zh: "正在研究处理意见。", en: "A handling opinion is being prepared." },
  sign: { zh: "领导已审批处理意见。", en: "A leader approved the handling opinion." },
  send_back: { zh: "处理意见正在修改。", en: "The handling opinion is being revised." },
  assign: { zh: "已交由承办单位办理。", en: "It was given to the unit that handles it." },
  receive: { zh: "承办单位已签收，正在办理。", en: "The handling unit took it up." },
  object: { zh: "正在重新确定承办单位。", en: "The handling unit is being changed." },
  report_result: { zh: "承办单位已报送办理结果。", en: "The handling unit reported its result." },
  vet_accept: { zh: "办理结果已审核。", en: "The result was checked." },
  vet_redo: { zh: "办理结果需要补充，正在重新办理。", en: "The result needs more work and is being redone." },
  extend: {
    zh: "因情况复杂，办理期限依法延长。",
    en: "The time limit was extended as the law allows, because the matter is complex.",
  },
  reply: {
    zh: "已作出书面答复（处理意见书），请查看。",
    en: "A written answer (opinion letter) was given; please read it.",
  },
  evaluate: { zh: "您已对答复作出评价。", en: "You rated the answer." },
  reopen: {
    zh: "根据您的评价，事项已重新办理。",
    en: "Following your rating, the matter is being handled again.",
  },
  follow_up: { zh: "工作人员已回访。", en: "Staff followed up with you." },
  request_review: { zh: "您已申请复查。", en: "You asked for a review." },
  accept_review: { zh: "复查申请已受理。", en: "Your request for review was accepted." },
  appeal_referred: {
    zh: "您的申请已连同材料转至有权复查（复核）的机关办理。",
    en: "Your request and its file were sent to the body that reviews it.",
  },
  decide_review: { zh: "已作出复查意见。", en: "The review was decided." },
  request_reexam: { zh: "您已申请复核。", en: "You asked for reexamination." },
  accept_reexam: { zh: "复核申请已受理。", en: "Your request for reexamination was accepted." },
  decide_reexam: {
    zh: "已作出复核意见，信访事项终结。",
    en: "The reexamination was decided; the matter is concluded.",
  },
  close: { zh: "事项已办结。", en: "The matter is closed." },
  archive: { zh: "事项已归档。", en: "The matter was filed." },
  document_issued: {
    zh: "已向您出具书面文书，请在上方查看或下载。",
    en: "A letter was issued to you; you can read or download it above.",
  },
};

/** Said for a step the portal has no plain words for yet, rather than its code name. */
export const CITIZEN_STEP_FALLBACK: Bi = { zh: "事项有新的进展。", en: "There was progress on your matter." };

/** Why a case looks like a repeat of another (domain/similarity/repeat.ts). */
export const REPEAT_REASON_LABELS: Record<PersonReason | MatterReason, Bi> = {
  same_id_number: { zh: "身份证号相同", en: "Same ID number" },
  same_name_phone: { zh: "姓名电话相同", en: "Same name and phone" },
  same_phone_unnamed: { zh: "电话相同（一方未留全名）", en: "Same phone (one gave no full name)" },
  same_name_address: { zh: "姓名住址相同", en: "Same name and address" },
  same_name: {
    zh: "姓名相同或同音，电话不同，请核实",
    en: "Same or like-sounding name, another phone — check who it is",
  },
  shared_phone: { zh: "同一电话，请核实", en: "Same phone — check who it is" },
  same_category: { zh: "问题类别相同", en: "Same category" },
  related_category: { zh: "问题类别相近", en: "Related category" },
  same_region: { zh: "问题属地相同", en: "Same place" },
  nearby_region: { zh: "问题属地相邻", en: "Nearby place" },
  similar_text: { zh: "内容相似", en: "Similar text" },
  same_names: { zh: "涉及同一单位、项目或金额", en: "Same company, project or sum" },
  different_names: { zh: "涉及不同单位或金额", en: "Different company or sum" },
  different_demands: { zh: "诉求或损害不同", en: "Different demand or harm" },
  reminder: { zh: "催办或对答复不满", en: "A reminder or a reply contested" },
  recent_follow_up: {
    zh: "办理期内再次来信，未提新诉求",
    en: "Again within the handling period, no new demand",
  },
  same_sum: {
    zh: "提到前信的同一金额",
    en: "Names the same sum as the earlier letter",
  },
  cites_across_categories: {
    zh: "类别不同，但来信指向前信",
    en: "Filed under another category, but the letter points at the earlier one",
  },
  same_particulars: {
    zh: "类别不同，但来信讲的是前信的同一事物或数目",
    en: "Filed under another category, but the letter tells the earlier one's particulars",
  },
};

export const REPEAT_VERDICT_LABELS: Record<RepeatVerdict, Bi> = {
  likely_repeat: { zh: "疑似重复件", en: "Likely repeat" },
  same_person_other_matter: { zh: "同人不同事", en: "Same person, other matter" },
  same_matter_other_person: { zh: "同事不同人", en: "Same matter, other person" },
  shared_phone: { zh: "同一电话，请核实", en: "Same phone, other person? Check" },
  unrelated: { zh: "不相关", en: "Unrelated" },
};

/** The staff inboxes of "my to-dos" (domain/workflow/inboxes.ts). */
export const INBOX_LABELS: Record<Inbox, Bi> = {
  intake: { zh: "受理", en: "Intake" },
  drafting: { zh: "拟办", en: "Drafting" },
  approval: { zh: "签批", en: "Approval" },
  assignment: { zh: "交办办理", en: "Assignment" },
  vetting: { zh: "审核", en: "Vetting" },
  reply: { zh: "答复", en: "Reply" },
  review: { zh: "复查复核", en: "Review" },
};

/** What each `{{placeholder}}` of a document template stands for (domain/documents/templates.ts). */
export const TEMPLATE_PLACEHOLDER_LABELS: Record<string, Bi> = {
  caseNumber: { zh: "信访件编号", en: "Case number" },
  petitionerName: { zh: "信访人姓名", en: "Petitioner's name" },
  title: { zh: "事项标题", en: "Title" },
  receivedDate: { zh: "收到日期", en: "Date received" },
  channelName: { zh: "信访形式", en: "Channel" },
  issueDate: { zh: "出具日期", en: "Date of issue" },
  issuer: { zh: "出具机关", en: "Issuing body" },
  acceptedDate: { zh: "受理日期", en: "Date accepted" },
  handlingDue: { zh: "办理期限", en: "Handling due date" },
  declineReason: { zh: "不予受理理由", en: "Reason for declining" },
  declineRoute: { zh: "可采取的途径", en: "Where to turn instead" },
  forwardedTo: { zh: "转送机关", en: "Forwarded to" },
  draftOpinion: { zh: "拟办意见", en: "Draft opinion" },
  signoffInstructions: { zh: "签批意见", en: "Sign-off instructions" },
  leadUnit: { zh: "主办单位", en: "Lead unit" },
  assistUnits: { zh: "协办单位", en: "Assisting units" },
  assignInstructions: { zh: "交办要求", en: "Assignment instructions" },
  assignDue: { zh: "交办期限", en: "Assignment due date" },
  extensionDays: { zh: "延长天数", en: "Days of extension" },
  extensionReason: { zh: "延期理由", en: "Reason for extension" },
  extendedDue: { zh: "延长后期限", en: "Extended due date" },
  replyOpinion: { zh: "处理意见", en: "Opinion" },
  replyText: { zh: "答复内容", en: "Answer" },
  legalBasis: { zh: "法律依据", en: "Legal basis" },
  reviewUntil: { zh: "申请复查截止日", en: "Review may be asked until" },
  reviewOpinion: { zh: "复查意见", en: "Review opinion" },
  reviewText: { zh: "复查意见内容", en: "Review text" },
  reexamUntil: { zh: "申请复核截止日", en: "Reexamination may be asked until" },
  reexamOpinion: { zh: "复核意见", en: "Reexamination opinion" },
  reexamText: { zh: "复核意见内容", en: "Reexamination text" },
  queryCode: { zh: "查询码", en: "Query code" },
  reviewBody: { zh: "复查机关", en: "Body to ask for review" },
  reviewDays: { zh: "申请复查期限（日）", en: "Days to ask for review" },
  vettedBy: { zh: "审核说明", en: "Vetting note" },
  reexamBody: { zh: "复核机关", en: "Body to ask for reexamination" },
  reportRecipients: { zh: "报告对象", en: "Reported to" },
  reportContent: { zh: "报告内容", en: "What was reported" },
  reportTime: { zh: "报告时间", en: "Time of the report" },
  registeredTime: { zh: "登记时间", en: "Time of registration" },
  hearingTime: { zh: "听证时间", en: "Hearing time" },
  hearingPlace: { zh: "听证地点", en: "Hearing place" },
  hearingHost: { zh: "听证主持人", en: "Hearing host" },
  hearingParticipants: { zh: "听证参加人", en: "Hearing participants" },
  heldDate: { zh: "听证举行日期", en: "Date held" },
  hearingRecord: { zh: "听证情况", en: "What was said" },
  hearingOutcome: { zh: "听证结论", en: "Hearing outcome" },
  mediationParties: { zh: "调解当事人", en: "Parties" },
  mediationTerms: { zh: "协议内容", en: "Terms" },
  mediator: { zh: "调解人", en: "Mediator" },
  signedDate: { zh: "签订日期", en: "Date signed" },
  orderNumber: { zh: "督办单编号", en: "Order number" },
  supervisedUnit: { zh: "被督办单位", en: "Unit supervised" },
  requirement: { zh: "督办要求", en: "What is required" },
  replyDue: { zh: "答复期限", en: "Reply due" },
  leaderName: { zh: "督办领导", en: "Supervising leader" },
};
