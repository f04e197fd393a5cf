import { ROLE_LABELS } from "../auth/role-labels.ts";
import { ROLES } from "../auth/roles.ts";
import { WARNING_KIND_NAMES } from "../warnings/describe.ts";

/** A label in both languages. */
export interface AuditBi {
  zh: string;
  en: string;
}
export type AuditLang = "zh" | "en";

const bi = (zh: string, en: string): AuditBi => ({ zh, en });

/** Who acted, when the row's actor_role is not a user's role: the portal, the server itself, a shell. */
export const ACTOR_KIND_LABELS: Record<string, AuditBi> = {
  public: bi("信访人（公众）", "Petitioner (public)"),
  system: bi("系统任务", "System job"),
  cli: bi("运维命令行", "Operations command line"),
  server_console: bi("服务器控制台", "Server console"),
};

/** The row's actor_role as people read it: one or more roles (comma-separated in the log), or a kind of actor. */
export function actorRoleText(actorRole: string | null, lang: AuditLang): string {
  if (!actorRole) return "";
  return actorRole
    .split(",")
    .map((r) => {
      const label = (ROLES as readonly string[]).includes(r)
        ? ROLE_LABELS[r as (typeof ROLES)[number]]
        : ACTOR_KIND_LABELS[r];
      return label ? label[lang] : r;
    })
    .join(lang === "zh" ? "、" : ", ");
}

/** What a row is about (its object_type). */
export const AUDIT_OBJECT_LABELS: Record<string, AuditBi> = {
  case: bi("信访事项", "Case"),
  cases: bi("信访事项（批量）", "Cases"),
  case_petitioner: bi("信访人", "Petitioner"),
  user: bi("用户", "User"),
  org_unit: bi("组织单位", "Organisational unit"),
  import: bi("导入文件", "Import file"),
  category: bi("问题类别", "Category"),
  setting: bi("设置", "Setting"),
  map_boundaries: bi("地图边界", "Map boundaries"),
  settings: bi("预警研判设置", "Warning settings"),
  document_template: bi("文书模板", "Document template"),
  calendar_override: bi("节假日调休", "Holiday override"),
  report_template: bi("报告模板", "Report template"),
  routing_rule: bi("派单目录", "Routing rule"),
  warning: bi("预警", "Warning"),
  warning_digest: bi("预警日报", "Warning digest"),
  knowledge_entry: bi("知识库条目", "Knowledge-base entry"),
  sensitive_period: bi("敏感节点", "Sensitive period"),
  key_ring: bi("数据密钥", "Key ring"),
  column: bi("加密字段", "Encrypted column"),
  backup: bi("备份文件", "Backup file"),
  retention: bi("保存期限", "Retention"),
  audit_log: bi("审计日志", "Audit log"),
  conference: bi("联席会议", "Conference"),
  conference_decision: bi("会议决定事项", "Conference decision"),
  dispute: bi("矛盾纠纷", "Dispute"),
  dispute_campaign: bi("排查专项", "Screening campaign"),
  dispute_handover: bi("季度移交", "Quarterly hand-over"),
  dispute_clearance: bi("年终清零", "Year-end clearance"),
  screening_report: bi("排查报告", "Screening report"),
  duty_shift: bi("值班", "Duty shift"),
  duty_roster: bi("值班表", "Duty roster"),
  ownership: bi("领导包案", "Leader ownership"),
  reception_day: bi("领导接访日", "Reception day"),
  reception_appointment: bi("接访预约", "Reception appointment"),
  reception_record: bi("接访记录", "Reception record"),
  reception_petitioner: bi("来访人", "Visitor"),
  outreach_visit: bi("下访", "Outreach visit"),
  bulletin: bi("督查通报", "Bulletin"),
  supervision_item: bi("督查督办", "Supervision item"),
};

/** The names of the detail fields the server writes. A key not here is shown only in the raw record. */
export const AUDIT_FIELD_LABELS: Record<string, AuditBi> = {
  // cases
  caseNumber: bi("信访编号", "Case number"),
  username: bi("用户名", "User name"),
  caseId: bi("信访事项", "Case"),
  from: bi("变更前", "Before"),
  to: bi("变更后", "After"),
  toName: bi("变更后名称", "New name"),
  reason: bi("原因", "Reason"),
  channel: bi("信访渠道", "Channel"),
  bureauRating: bi("对信访部门的评价", "Rating of the bureau"),
  unitRating: bi("对承办单位的评价", "Rating of the handling unit"),
  kind: bi("类别", "Kind"),
  documentId: bi("文书编号", "Document"),
  pdf: bi("含PDF", "With PDF"),
  today: bi("日期", "Day"),
  alerts: bi("时限提醒", "Deadline alerts"),
  clock: bi("时限类别", "Clock"),
  step: bi("环节", "Step"),
  dueOn: bi("期限", "Due on"),
  decision: bi("判定", "Decision"),
  originalCaseId: bi("原件", "Original case"),
  originalCaseNumber: bi("原件编号", "Original case number"),
  score: bi("相似度", "Score"),
  reasons: bi("理由", "Reasons"),
  petitioners: bi("信访人数", "Petitioners"),
  nature: bi("信访性质", "Nature"),
  legalClass: bi("法定分类", "Legal class"),
  categoryId: bi("问题类别", "Category"),
  categoryName: bi("问题类别名称", "Category name"),
  unitId: bi("单位", "Unit"),
  unitName: bi("单位名称", "Unit name"),
  tookTopNature: bi("采纳首选性质", "Took the top nature"),
  tookTopCategory: bi("采纳首选类别", "Took the top category"),
  fileName: bi("文件名", "File name"),
  sha256: bi("SHA-256 校验值", "SHA-256"),
  size: bi("大小（字节）", "Size (bytes)"),
  public: bi("信访人上传", "Uploaded by the petitioner"),
  fields: bi("查看内容", "Fields viewed"),
  format: bi("格式", "Format"),
  filter: bi("筛选条件", "Filter"),
  rows: bi("条数", "Rows"),
  // sign-in and accounts
  failures: bi("连续失败次数", "Failures in a row"),
  factor: bi("失败环节", "Failed factor"),
  forced: bi("修改缘由", "Why it was required"),
  roles: bi("角色", "Roles"),
  displayName: bi("姓名", "Name"),
  mustChangePassword: bi("须在登录时修改密码", "Must change the password at login"),
  requestId: bi("申请编号", "Request"),
  requestedBy: bi("申请人", "Asked by"),
  osUser: bi("操作系统账户", "Operating-system account"),
  operator: bi("操作者（系统账户@主机）", "Operator (account@host)"),
  // organisation and settings
  path: bi("单位路径", "Unit path"),
  name: bi("名称", "Name"),
  regionCode: bi("区划代码", "Region code"),
  code: bi("代码", "Code"),
  nameZh: bi("中文名称", "Chinese name"),
  nameEn: bi("英文名称", "English name"),
  sort: bi("排序", "Order"),
  isActive: bi("在用", "Active"),
  title: bi("标题", "Title"),
  length: bi("字数", "Length"),
  note: bi("备注", "Note"),
  urgent: bi("急案", "Urgent"),
  general: bi("一般", "General"),
  major: bi("大案", "Major"),
  removed: bi("已删除", "Removed"),
  startsOn: bi("开始日期", "Starts on"),
  endsOn: bi("结束日期", "Ends on"),
  updatedAt: bi("更新时间", "Updated at"),
  before: bi("变更前", "Before"),
  after: bi("变更后", "After"),
  id: bi("编号", "Id"),
  // warnings
  cases: bi("案件", "Cases"),
  addedCases: bi("新增证据案件", "Cases added"),
  window: bi("时间窗口", "Window"),
  seq: bi("序号", "Number"),
  warnings: bi("预警数", "Warnings"),
  // operations
  file: bi("文件", "File"),
  bytes: bi("大小（字节）", "Size (bytes)"),
  schemaVersion: bi("数据库结构版本", "Schema version"),
  backupCreatedAt: bi("备份时间", "Backup made at"),
  source: bi("来源", "Source"),
  replacedRows: bi("被替换的记录数", "Rows replaced"),
  replacedAuditHead: bi("被替换的审计链头", "Audit head replaced"),
  previousKeyId: bi("原密钥", "Previous key"),
  newKeyId: bi("新密钥", "New key"),
  droppedKeyId: bi("删除的密钥", "Dropped key"),
  currentKeyId: bi("当前密钥", "Current key"),
  keyId: bi("密钥", "Key"),
  storage: bi("密钥存放", "Key storage"),
  olderThanDays: bi("超过天数", "Older than (days)"),
  cutoff: bi("截止时间", "Cut-off"),
  dryRun: bi("仅试运行", "Dry run"),
  // the audit log itself
  ok: bi("校验通过", "Passed"),
  headHash: bi("链头哈希", "Head hash"),
  headPosition: bi("链头位置", "Head position"),
  lastHash: bi("最后一条的哈希", "Hash of the last row"),
  sealed: bi("校验条数", "Rows checked"),
  badPosition: bi("断开位置", "Broken at"),
  anchors: bi("锚点数", "Anchors"),
  anchorsOk: bi("锚点核对", "Anchors agree"),
  anchorPosition: bi("锚点不符位置", "Anchor mismatch at"),
  anchorReason: bi("锚点不符原因", "Anchor mismatch"),
  action: bi("操作", "Action"),
  actorId: bi("操作人编号", "Actor id"),
  actor: bi("操作人", "Actor"),
  objectType: bi("对象类型", "Object type"),
  objectId: bi("对象编号", "Object id"),
  outcome: bi("结果", "Outcome"),
  status: bi("状态", "Status"),
  q: bi("关键词", "Words"),
  isCollective: bi("集体访", "Collective"),
  isFirstPetition: bi("初信初访", "First petition"),
  page: bi("页码", "Page"),
  pageSize: bi("每页条数", "Page size"),
  // bureau work
  area: bi("辖区", "Area"),
  meetingOn: bi("会议日期", "Meeting date"),
  decisions: bi("决定事项数", "Decisions"),
  units: bi("单位", "Units"),
  conferenceId: bi("会议", "Conference"),
  late: bi("逾期", "Late"),
  period: bi("期间", "Period"),
  campaignId: bi("排查专项", "Campaign"),
  disputes: bi("矛盾纠纷", "Disputes"),
  cleared: bi("清零数", "Cleared"),
  carriedOver: bi("结转数", "Carried over"),
  officer: bi("值班人", "Officer"),
  periodName: bi("值班期名称", "Period name"),
  shifts: bi("班次数", "Shifts"),
  leaderName: bi("领导姓名", "Leader"),
  responsibleUnit: bi("责任单位", "Responsible unit"),
  duty: bi("包案职责", "Duty"),
  position: bi("节点序号", "Position"),
  date: bi("日期", "Date"),
  appointmentsCancelled: bi("取消的预约数", "Appointments cancelled"),
  appointmentNumber: bi("预约号", "Appointment number"),
  dayId: bi("接访日", "Reception day"),
  batches: bi("批次", "Batches"),
  personVisits: bi("人次", "Person-visits"),
  results: bi("办理结果数", "Results"),
  resolved: bi("化解数", "Resolved"),
  matters: bi("事项数", "Matters"),
  newCases: bi("新登记案件", "New cases"),
  linkedCases: bi("关联案件数", "Linked cases"),
  appointments: bi("预约数", "Appointments"),
  number: bi("文号", "Number"),
  cited: bi("点名单位数", "Units cited"),
  unit: bi("单位", "Unit"),
  replyDueOn: bi("答复期限", "Reply due on"),
  returnedReply: bi("退回的答复", "Returned reply"),
  // imports and set-up
  mode: bi("导入方式（accounts 账户 / roles 角色 / all 全部）", "Import mode (accounts / roles / all)"),
  skipInvalid: bi("跳过错误行", "Skip rows with problems"),
  invalidRows: bi("错误行数", "Rows with problems"),
  created: bi("新增", "Created"),
  updated: bi("修改", "Changed"),
  unchanged: bi("不变", "Unchanged"),
  skippedRows: bi("跳过的行", "Skipped rows"),
  changes: bi("变更项", "Changes"),
  county: bi("县", "County"),
  bureau: bi("信访局", "Bureau"),
};

const RATINGS: Record<string, AuditBi> = {
  satisfied: bi("满意", "Satisfied"),
  basically_satisfied: bi("基本满意", "Basically satisfied"),
  dissatisfied: bi("不满意", "Dissatisfied"),
};

/** Values that are codes, by the field that holds them; the same code reads the same in every row. */
export const AUDIT_VALUE_LABELS: Record<string, Record<string, AuditBi>> = {
  reason: {
    unknown_user: bi("用户名不存在", "No such user"),
    accused_own_unit: bi("被反映单位为本单位", "The accused is the unit itself"),
    gap: bi("缺少记录（序号不连续）", "A row is missing (gap in the positions)"),
    broken_link: bi(
      "前序哈希不符（记录被删除或替换）",
      "The link to the previous row is broken (a row removed or replaced)",
    ),
    hash_mismatch: bi(
      "内容与哈希不符（记录被改动）",
      "The content no longer matches its hash (a row altered)",
    ),
  },
  anchorReason: {
    missing: bi("锚定位置的记录不存在", "The anchored row is missing"),
    hash_differs: bi("锚定位置的哈希不同（链被重写）", "The anchored hash differs (the chain was rewritten)"),
    unreadable: bi("锚点文件无法读取", "The anchor file cannot be read"),
  },
  factor: { password: bi("密码", "Password"), totp: bi("动态验证码", "One-time code") },
  forced: {
    expired: bi("密码已过期", "The password expired"),
    admin_set: bi("管理员设置的密码", "Set by an administrator"),
  },
  fields: { id_number: bi("身份证号", "ID number"), phone: bi("联系电话", "Phone") },
  storage: { file: bi("密钥文件", "Key file"), env: bi("环境变量", "Environment variable") },
  decision: {
    link: bi("关联", "Link"),
    repeat_of_terminated: bi("重复件不再受理", "Repeat of a terminated matter"),
    keep_new: bi("作为新件", "Keep as new"),
    merge: bi("并入原件", "Merge"),
  },
  bureauRating: RATINGS,
  unitRating: RATINGS,
  kind: {
    // documents
    acceptance: bi("受理告知书", "Acceptance notice"),
    decline: bi("不予受理告知书", "Decline notice"),
    refuse_again: bi("不再受理告知书", "Refusal notice"),
    forward: bi("转送告知书", "Forwarding notice"),
    assignment: bi("交办单", "Assignment sheet"),
    extension: bi("延期告知书", "Extension notice"),
    reply: bi("处理意见书", "Opinion letter"),
    review: bi("复查意见书", "Review opinion"),
    reexam: bi("复核意见书", "Reexamination opinion"),
    report_up: bi("信访事项报告单", "Report up"),
    hearing_notice: bi("听证通知书", "Hearing notice"),
    hearing_record: bi("听证记录", "Hearing record"),
    mediation: bi("调解协议书", "Mediation agreement"),
    supervision_order: bi("督办单", "Supervision order"),
    // deadline alerts
    warning: bi("临期预警", "Warning"),
    breach: bi("超期", "Breach"),
    // organisational units
    county: bi("县", "County"),
    township: bi("乡镇（街道）", "Township"),
    village: bi("村（社区）", "Village"),
    group: bi("组", "Group"),
    bureau: bi("信访局", "Petition bureau"),
    department: bi("部门", "Department"),
    // holiday overrides
    holiday: bi("放假", "Holiday"),
    workday: bi("调休上班", "Make-up working day"),
    // duty log
    call: bi("来电", "Call"),
    visit: bi("来访", "Visit"),
    incident: bi("突发情况", "Incident"),
    handover: bi("交接班", "Hand-over"),
    other: bi("其他", "Other"),
    // early warnings
    ...WARNING_KIND_NAMES,
  },
  clock: {
    statutory: bi("法定时限", "Statutory limit"),
    assigned: bi("交办期限", "Assigned deadline"),
    internal: bi("内部目标", "Internal target"),
  },
  step: {
    firstDisposal: bi("首次处理", "First disposal"),
    acceptanceNotice: bi("告知受理", "Acceptance notice"),
    objection: bi("异议期", "Objection window"),
    handling: bi("办理", "Handling"),
    assigned: bi("交办办理", "Assigned handling"),
    resolution: bi("办结目标", "Resolution target"),
    reviewRequest: bi("申请复查期", "Review request window"),
    reviewDecision: bi("复查", "Review decision"),
    reexamRequest: bi("申请复核期", "Reexamination request window"),
    reexamDecision: bi("复核", "Reexamination decision"),
    evaluationWindow: bi("评价期", "Rating window"),
    supervisionReply: bi("督办回复", "Supervision reply"),
  },
  duty: {
    investigate: bi("包调查", "Investigate"),
    handle: bi("包处理", "Handle"),
    supervise: bi("包督办", "Supervise"),
    conclude: bi("包结案", "Conclude"),
    stabilise: bi("包稳定", "See it through"),
  },
  reasons: {
    long_open: bi("久拖未结", "Open too long"),
    repeats: bi("多次重复信访", "Repeated"),
    reopened: bi("重新办理", "Reopened"),
    other: bi("其他", "Other"),
  },
  route: {
    outreach: bi("领导带案下访", "Leader outreach"),
    ownership: bi("领导包案", "Ownership"),
    handling: bi("依法办理", "Handling"),
    joint_conference: bi("联席会议", "Joint conference"),
    other: bi("其他", "Other"),
  },
  format: {
    xlsx: bi("Excel 表格", "Excel workbook"),
    jsonl: bi("JSON Lines（可校验）", "JSON lines (verifiable)"),
  },
  outcome: { success: bi("成功", "Success"), failure: bi("失败", "Failure") },
  legalClass: {
    suggestion: bi("建议意见类", "Suggestion"),
    accusation: bi("检举控告类", "Accusation"),
    appeal_request: bi("申诉求决类", "Appeal or request"),
  },
  nature: {
    request: bi("求决", "Request"),
    suggestion: bi("建议", "Suggestion"),
    appeal: bi("申诉", "Appeal"),
    accusation: bi("揭发控告", "Accusation"),
    inquiry: bi("咨询", "Inquiry"),
  },
};

/** The statuses a `from`/`to` pair of a bureau or warning row names, by the action's prefix. */
export const AUDIT_STATE_LABELS: Record<string, Record<string, AuditBi>> = {
  supervision_: {
    sent: bi("已发出", "Sent"),
    issued: bi("待回复", "Awaiting reply"),
    replied: bi("已回复", "Replied"),
    closed: bi("已办结", "Closed"),
    active: bi("挂牌中", "Active"),
    lifted: bi("已撤牌", "Lifted"),
  },
  dispute_: {
    open: bi("未化解", "Open"),
    handed_over: bi("已交办", "Handed over"),
    resolved: bi("已化解", "Resolved"),
  },
  warning_: {
    open: bi("待处理", "Open"),
    acknowledged: bi("已确认", "Acknowledged"),
    closed: bi("已关闭", "Closed"),
  },
};
