import { CASE_ACTIONS, type CaseAction } from "../workflow/transitions.ts";

/**
 * Every action code the server writes to the audit log, with its name in both languages and the
 * group the audit screen files it under. `server/routes/audit/actions.test.ts` reads the server's
 * source and fails when a code is written that is not here, or listed here and no longer written.
 */
export interface AuditActionInfo {
  group: AuditGroup;
  zh: string;
  en: string;
}

export const AUDIT_GROUPS = [
  "case",
  "auth",
  "admin",
  "settings",
  "warnings",
  "bureau",
  "ops",
  "audit",
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const AUDIT_GROUP_LABELS: Record<AuditGroup, { zh: string; en: string }> = {
  case: { zh: "信访事项", en: "Cases" },
  auth: { zh: "登录与账户", en: "Sign-in and account" },
  admin: { zh: "用户与组织管理", en: "Users and organisation" },
  settings: { zh: "业务设置", en: "Settings" },
  warnings: { zh: "预警研判", en: "Early warnings" },
  bureau: { zh: "工作台账", en: "Bureau work" },
  ops: { zh: "运维命令", en: "Operations" },
  audit: { zh: "审计", en: "Audit" },
};

/** The workflow steps, as `case_<action>` rows of apply-transition (the transition table's actions). */
const CASE_STEP_LABELS: Record<CaseAction, { zh: string; en: string }> = {
  screen: { zh: "查实网上信访件", en: "Screen an online petition" },
  reject_incomplete: { zh: "查实退回", en: "Reject as incomplete" },
  accept: { zh: "受理", en: "Accept" },
  decline: { zh: "不予受理", en: "Decline" },
  forward: { zh: "转送", en: "Forward" },
  refuse_again: { zh: "不再受理", en: "Refuse again" },
  report_up: { zh: "重大紧急事项上报", en: "Report up" },
  merge: { zh: "合并到原件", en: "Merge into the original" },
  simplify: { zh: "简易办理", en: "Simplified procedure" },
  draft_opinion: { zh: "拟办意见", en: "Draft the opinion" },
  sign: { zh: "签批", en: "Sign off" },
  send_back: { zh: "退回重拟", en: "Send the draft back" },
  assign: { zh: "交办", en: "Assign" },
  receive: { zh: "签收交办", en: "Receive the assignment" },
  object: { zh: "异议退回", en: "Object to the assignment" },
  report_result: { zh: "报送办结报告", en: "Report the result" },
  vet_accept: { zh: "审核通过", en: "Accept the result" },
  vet_redo: { zh: "审核退回重办", en: "Send the result back" },
  reply: { zh: "答复信访人", en: "Reply to the petitioner" },
  reopen: { zh: "重新办理", en: "Reopen" },
  extend: { zh: "延期", en: "Extend the time limit" },
  follow_up: { zh: "回访", en: "Follow up" },
  accept_review: { zh: "受理复查申请", en: "Accept a review request" },
  decide_review: { zh: "作出复查意见", en: "Decide the review" },
  accept_reexam: { zh: "受理复核申请", en: "Accept a reexamination request" },
  decide_reexam: { zh: "作出复核意见", en: "Decide the reexamination" },
  close: { zh: "结案", en: "Close" },
  archive: { zh: "归档", en: "Archive" },
};

const c = (zh: string, en: string): AuditActionInfo => ({ group: "case", zh, en });
const auth = (zh: string, en: string): AuditActionInfo => ({ group: "auth", zh, en });
const admin = (zh: string, en: string): AuditActionInfo => ({ group: "admin", zh, en });
const settings = (zh: string, en: string): AuditActionInfo => ({ group: "settings", zh, en });
const warnings = (zh: string, en: string): AuditActionInfo => ({ group: "warnings", zh, en });
const bureau = (zh: string, en: string): AuditActionInfo => ({ group: "bureau", zh, en });
const ops = (zh: string, en: string): AuditActionInfo => ({ group: "ops", zh, en });
const audit = (zh: string, en: string): AuditActionInfo => ({ group: "audit", zh, en });

/** The codes written literally (and those built from a short list, spelled out). */
const FIXED_ACTIONS = {
  case_register: c("登记信访事项", "Register a case"),
  case_evaluate: c("信访人评价", "Rated by the petitioner"),
  case_rating_recorded: c("记录回访评价", "Rating recorded at a follow-up"),
  case_request_review: c("信访人申请复查", "Review requested by the petitioner"),
  case_request_reexam: c("信访人申请复核", "Reexamination requested by the petitioner"),
  case_accused_unit_set: c("设定被反映单位", "Set the accused unit"),
  case_confidentiality: c("设定保密", "Set confidentiality"),
  case_reclassify: c("调整分类", "Reclassify a case"),
  case_report_up: c("重大紧急事项报告", "Report a major or urgent matter up"),
  case_report_instruction: c("记录报告批示", "Record an instruction received on a report"),
  case_hearing_schedule: c("安排听证", "Schedule a hearing"),
  case_hearing_record: c("记录听证", "Record a hearing"),
  case_hearing_cancel: c("取消听证", "Cancel a hearing"),
  case_hearing_reschedule: c("改期听证", "Reschedule a hearing"),
  case_mediation_record: c("记录调解协议", "Record a mediation agreement"),
  case_document_issue: c("出具文书", "Issue a document"),
  case_appeal_referred: c("复查复核申请转至系统外机关", "Review request referred outside the system"),
  case_query_code_issue: c("发放查询码（原码失效）", "Issue a new query code (the old one stops working)"),
  case_deadline_alert: c("时限预警或超期", "Deadline warning or breach"),
  case_repeat_decision: c("重复件判定", "Repeat decision"),
  case_anonymise: c("信访人信息匿名化", "Anonymise the petitioners"),
  triage_choice: c("确认分类与去向", "Triage choice"),
  attachment_add: c("上传附件", "Add an attachment"),
  sensitive_view: c("查看完整身份信息", "View full identity"),
  ledger_export: c("导出台账", "Export a ledger"),
  case_fields_update: c("修改附加字段", "Change the category fields"),
  case_payment_add: c("登记追回款项", "Record a payment recovered"),
  case_payment_void: c("作废追回款项", "Void a payment recorded"),
  wage_ledger_export: c("导出欠薪台账", "Export the wage-arrears ledger"),

  login: auth("登录", "Log in"),
  login_failed: auth("登录失败", "Failed login"),
  login_refused_throttled: auth("登录等待期内被拒", "Login refused: waiting after failures"),
  login_throttled: auth("登录失败，须等待后再试", "Failed login; must wait before the next"),
  // Written by versions before the login throttle (RETIRED_AUDIT_ACTIONS): old rows still read.
  login_refused_locked: auth("账户锁定中登录被拒", "Login refused: account locked"),
  login_totp_required: auth("登录待输入动态验证码", "Login waiting for the one-time code"),
  account_locked: auth("账户被锁定", "Account locked"),
  logout: auth("退出登录", "Log out"),
  password_change: auth("修改密码", "Change password"),
  totp_enable: auth("启用双因素认证", "Enable the second factor"),

  admin_user_create: admin("新建用户", "Create a user"),
  admin_user_update: admin("修改用户", "Change a user"),
  admin_user_roles: admin("授予或收回角色", "Set a user's roles"),
  admin_user_password_reset: admin("重置用户密码", "Reset a user's password"),
  admin_user_activate: admin("启用用户", "Enable a user"),
  admin_user_deactivate: admin("停用用户", "Disable a user"),
  admin_user_unlock: admin("解锁用户", "Unlock a user"),
  admin_password_reset_request: admin("申请重置管理员密码", "Ask to reset an administrator's password"),
  admin_password_reset_approve: admin("批准重置管理员密码", "Approve an administrator's password reset"),
  admin_password_reset_reject: admin("驳回重置管理员密码", "Reject an administrator's password reset"),
  admin_console_password_reset: admin("服务器控制台重置密码", "Password reset at the server console"),
  admin_console_role_grant: admin(
    "服务器控制台授予管理员角色",
    "Administrator role granted at the server console",
  ),
  admin_unit_create: admin("新增组织单位", "Add an organisational unit"),
  admin_unit_rename: admin("组织单位更名", "Rename an organisational unit"),
  admin_unit_answering: admin("设置复查机关与文号前缀", "Set a unit's reviewing body and number prefix"),
  admin_unit_activate: admin("启用组织单位", "Reactivate an organisational unit"),
  admin_unit_deactivate: admin("停用组织单位", "Deactivate an organisational unit"),
  import_network: admin("导入组织网络", "Import the org network"),
  import_ledger: admin("导入历史台账", "Import a historical ledger"),
  import_users: admin("导入用户", "Import users"),
  admin_category_create: admin("新增问题类别", "Add a category"),
  admin_category_update: admin("修改问题类别", "Change a category"),
  field_set_version: admin("修改附加字段定义", "Change a category's fields (new version)"),

  settings_approval_chain: settings("修改签批流程", "Change the approval chain"),
  settings_template: settings("修改文书模板", "Change a document template"),
  settings_template_reset: settings("恢复默认文书模板", "Reset a document template"),
  settings_warnings: settings("修改预警设置", "Change the early-warning settings"),
  settings_calendar_override: settings("修改节假日调休", "Change a holiday override"),
  settings_calendar_confirm_year: settings("确认年度调休安排", "Confirm a year's make-up working days"),
  settings_search_synonyms: settings("修改检索同义词表", "Change the search synonyms"),
  report_template_update: settings("修改报告模板", "Change a report template"),
  routing_rule_add: settings("新增派单目录", "Add a routing rule"),
  routing_rule_remove: settings("删除派单目录", "Remove a routing rule"),
  warning_settings_changed: settings("修改预警研判设置", "Change the warning analysis settings"),
  sensitive_period_created: settings("新增敏感节点", "Add a sensitive period"),
  sensitive_period_updated: settings("修改敏感节点", "Change a sensitive period"),
  sensitive_period_deleted: settings("删除敏感节点", "Delete a sensitive period"),
  map_boundaries_upload: settings("上传地图边界", "Upload the map boundaries"),
  map_boundaries_delete: settings("删除地图边界", "Remove the map boundaries"),

  warning_raised: warnings("产生预警", "Warning raised"),
  warning_updated: warnings("预警追加证据", "Warning updated"),
  warning_acknowledged: warnings("确认预警", "Acknowledge a warning"),
  warning_followed_up: warnings("预警跟进", "Follow up a warning"),
  warning_closed: warnings("关闭预警", "Close a warning"),
  warning_digest_generated: warnings("生成预警日报", "Daily digest generated"),

  knowledge_entry_create: bureau("新增知识库条目", "Add a knowledge-base entry"),
  knowledge_entry_update: bureau("修改知识库条目", "Change a knowledge-base entry"),
  knowledge_entry_restore: bureau("恢复知识库条目的旧版本", "Restore an earlier version of an entry"),
  knowledge_template_save: bureau("将答复保存为模板", "Save a reply as a template"),

  reception_day_create: bureau("安排领导接访日", "Schedule a reception day"),
  reception_day_cancel: bureau("取消领导接访日", "Cancel a reception day"),
  reception_appointment_book: bureau("预约领导接访", "Book a reception appointment"),
  reception_appointment_cancelled: bureau("取消接访预约", "Cancel a reception appointment"),
  reception_appointment_no_show: bureau("接访预约未到", "Appointment: no-show"),
  reception_record_create: bureau("登记领导接访", "Record a reception"),
  outreach_create: bureau("安排下访", "Plan an outreach visit"),
  outreach_complete: bureau("下访完成", "Complete an outreach visit"),
  outreach_cancel: bureau("取消下访", "Cancel an outreach visit"),
  ownership_create: bureau("领导包案", "Create a leader ownership"),
  ownership_duty_done: bureau("包案职责完成", "Ownership duty done"),
  ownership_milestone_done: bureau("包案节点完成", "Ownership milestone done"),
  ownership_note: bureau("包案进展", "Ownership progress note"),
  ownership_resolved: bureau("包案化解", "Ownership resolved"),
  ownership_withdrawn: bureau("撤销包案", "Ownership withdrawn"),
  dispute_campaign_create: bureau("新建排查专项", "Create a screening campaign"),
  screening_report_create: bureau("报送矛盾纠纷排查", "File a screening report"),
  dispute_resolve: bureau("矛盾纠纷化解", "Resolve a dispute"),
  dispute_link_case: bureau("矛盾纠纷关联案件", "Link a dispute to a case"),
  dispute_handover: bureau("矛盾纠纷季度移交", "Quarterly dispute hand-over"),
  dispute_clearance_sign: bureau("矛盾纠纷年终清零", "Year-end dispute clearance"),
  supervision_reminder_create: bureau("发出督办提醒", "Send a supervision reminder"),
  supervision_order_create: bureau("下发督办单", "Issue a supervision order"),
  supervision_flag_create: bureau("挂牌督办", "Flag for supervision"),
  supervision_order_reply: bureau("督办答复", "Reply to a supervision order"),
  supervision_accept: bureau("督办答复审核通过", "Accept a supervision reply"),
  supervision_return: bureau("督办答复退回", "Return a supervision reply"),
  supervision_lift: bureau("撤销挂牌督办", "Lift a supervision flag"),
  bulletin_draft: bureau("起草督查通报", "Draft a bulletin"),
  bulletin_issue: bureau("印发督查通报", "Issue a bulletin"),
  conference_create: bureau("召集联席会议", "Convene a conference"),
  conference_minutes: bureau("联席会议纪要", "Conference minutes"),
  conference_cancel: bureau("取消联席会议", "Cancel a conference"),
  conference_progress: bureau("会议决定事项进展", "Conference decision progress"),
  conference_decision_done: bureau("会议决定事项落实", "Conference decision done"),
  duty_shift_create: bureau("安排值班", "Add a duty shift"),
  duty_roster24_create: bureau("安排24小时值班表", "Add a 24-hour roster"),
  duty_shift_cancel: bureau("取消值班", "Cancel a duty shift"),
  duty_log_add: bureau("值班记录", "Duty log entry"),
  backlog_mark: bureau("标记积案", "Mark a backlog case"),
  backlog_clear: bureau("积案化解", "Clear a backlog case"),

  backup_create: ops("备份", "Backup"),
  backup_restore: ops("恢复备份", "Restore a backup"),
  keys_rotate: ops("轮换数据密钥", "Rotate the data key"),
  keys_reencrypt: ops("重新加密", "Re-encrypt"),
  keys_drop: ops("删除旧密钥", "Drop an old key"),
  retention_anonymise: ops("到期信息匿名化", "Retention anonymisation"),
  setup_bureau: ops("系统初始化：建立县和信访局", "Set-up: the county and the bureau created"),
  setup_admin_create: ops("系统初始化：建立管理员账户", "Set-up: an administrator's account created"),

  audit_read: audit("查阅审计日志", "Read the audit log"),
  audit_verify: audit("校验审计日志", "Verify the audit log"),
  audit_export: audit("导出审计日志", "Export the audit log"),
} satisfies Record<string, AuditActionInfo>;

export type AuditAction = keyof typeof FIXED_ACTIONS | `case_${CaseAction}`;

const CASE_STEP_ACTIONS = Object.fromEntries(
  CASE_ACTIONS.map((a) => [`case_${a}`, c(CASE_STEP_LABELS[a].zh, CASE_STEP_LABELS[a].en)]),
) as Record<`case_${CaseAction}`, AuditActionInfo>;

const { case_register, ...OTHER_ACTIONS } = FIXED_ACTIONS;

/** Every code in the order the filter lists them: registration, the workflow's steps, the rest. */
export const AUDIT_ACTIONS: Readonly<Record<AuditAction, AuditActionInfo>> = {
  case_register,
  ...CASE_STEP_ACTIONS,
  ...OTHER_ACTIONS,
};

export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

/** Codes earlier versions wrote and this one no longer does; named so the rows they left still read. */
export const RETIRED_AUDIT_ACTIONS: readonly AuditAction[] = [
  "login_refused_locked",
  "login_totp_required",
  "account_locked",
];

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, code);
}
