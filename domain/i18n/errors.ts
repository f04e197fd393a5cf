/**
 * Every error the API can answer with, declared once: a stable code, its HTTP status and the
 * message in both languages. Clients map the code; the messages are for people reading raw responses.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: "提交的内容不符合要求", en: "The request is not valid" },
  BODY_TOO_LARGE: { status: 413, zh: "提交的内容过大", en: "The request body is too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: "不支持的内容类型", en: "Unsupported content type" },
  NOT_FOUND: { status: 404, zh: "未找到", en: "Not found" },
  CASE_NOT_FOUND: { status: 404, zh: "未找到该信访事项", en: "Case not found" },
  ROUTE_NOT_FOUND: { status: 404, zh: "接口不存在", en: "No such endpoint" },
  AUTH_REQUIRED: { status: 401, zh: "请先登录", en: "Please log in" },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    zh: "用户名、密码或动态验证码错误",
    en: "Wrong user name, password or one-time code",
  },
  AUTH_THROTTLED: {
    status: 429,
    zh: "登录失败次数过多，请稍后再试",
    en: "Too many failed logins; wait a little and try again",
  },
  AUTH_SESSION_EXPIRED: {
    status: 401,
    zh: "长时间未操作，会话已过期，请重新登录",
    en: "The session expired after inactivity; please log in again",
  },
  AUTH_TOTP_INVALID: { status: 422, zh: "动态验证码错误或已使用", en: "Wrong or already used one-time code" },
  AUTH_TOTP_ENROLMENT_REQUIRED: {
    status: 403,
    zh: "按等保要求，管理员须先启用双因素认证",
    en: "Administrators must enable the second factor first (MLPS profile)",
  },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: "请先修改密码（密码已过期，或由管理员设置）",
    en: "Change your password first (it has expired, or an administrator set it)",
  },
  AUTH_PASSWORD_REUSED: {
    status: 422,
    zh: "新密码不能与当前密码或最近使用过的 5 个密码相同",
    en: "The new password must differ from the current one and the last 5 used",
  },
  CSRF_INVALID: { status: 403, zh: "安全令牌无效，请刷新页面", en: "Invalid CSRF token; reload the page" },
  FORBIDDEN: { status: 403, zh: "无权执行此操作", en: "You may not do this" },
  RATE_LIMITED: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
  ID_NUMBER_INVALID: {
    status: 422,
    zh: "身份证号码无效（长度、格式、出生日期或校验码错误）",
    en: "Invalid ID-card number (length, format, birth date or check digit)",
  },
  PHONE_INVALID: { status: 422, zh: "电话号码无效", en: "Invalid phone number" },
  REGION_UNKNOWN: {
    status: 422,
    zh: "问题属地行政区划代码不在本辖区内",
    en: "The problem region code is not in this jurisdiction",
  },
  CATEGORY_UNKNOWN: { status: 422, zh: "问题类别不存在", en: "Unknown category" },
  RECLASSIFY_CLOSED: {
    status: 409,
    zh: "已办结、转送或归档的信访事项不能再调整分类",
    en: "A case that is closed, forwarded or archived can no longer be reclassified",
  },
  UNIT_UNKNOWN: { status: 422, zh: "单位不存在", en: "Unknown unit" },
  UNIT_ANSWERING_CYCLE: {
    status: 422,
    zh: "复查机关或复查复核办公室不能是本单位或其下级单位",
    en: "The reviewing body or review office may not be the unit itself or a unit below it",
  },
  UPPER_REGISTERED_LEVEL: {
    status: 422,
    zh: "只有到市、赴省、进京的来访才能填写上级是否登记",
    en: "Only a visit to the city, the province or Beijing can say whether the upper level registered it",
  },
  REFERRAL_SOURCE_REQUIRED: {
    status: 422,
    zh: "上级交办件须填写交办机关",
    en: "A referral needs the referring body",
  },
  ACCUSATION_CLASS_MISMATCH: {
    status: 422,
    zh: "揭发控告类事项的法定分类须为检举控告类",
    en: "An accusation must have the legal class 'accusation'",
  },
  REPRESENTATIVES_TOO_MANY: {
    status: 422,
    zh: "集体访代表人数超过规定上限",
    en: "Too many representatives for a collective visit",
  },
  RECEIVED_IN_FUTURE: { status: 422, zh: "收到时间不能晚于当前时间", en: "Received time is in the future" },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: "同一幂等键已用于不同内容的提交",
    en: "This idempotency key was used for a different submission",
  },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: "附件过大", en: "Attachment too large" },
  ATTACHMENT_TYPE_REFUSED: { status: 415, zh: "不允许的附件类型", en: "This attachment type is not allowed" },
  PUBLIC_ATTACHMENT_CLOSED: {
    status: 409,
    zh: "信访事项已受理，如需补充材料请联系承办人员",
    en: "The petition has been accepted; to add material, contact the staff handling it",
  },
  PUBLIC_ATTACHMENT_LIMIT: {
    status: 409,
    zh: "网上补充材料已达上限",
    en: "The limit of files added online has been reached",
  },
  ATTACHMENT_PURGED: {
    status: 410,
    zh: "附件内容已按保存期限删除",
    en: "The attachment's content was deleted at the end of its retention period",
  },
  ATTACHMENT_NAME_INVALID: { status: 422, zh: "附件文件名无效", en: "Invalid attachment file name" },
  QUERY_CODE_INVALID: {
    status: 404,
    zh: "信访编号或查询码不正确",
    en: "Case number or query code is wrong",
  },
  PASSWORD_COMMON: {
    status: 422,
    zh: "该密码是常见密码、常见密码的变形或包含用户名，容易被猜中，请换一个",
    en: "This password is a common one, a variation of one, or contains the user name: choose another",
  },
  PASSWORD_TOO_WEAK: {
    status: 422,
    zh: "密码强度不足：至少10位，且包含大写字母、小写字母、数字、符号中的三类",
    en: "Password too weak: at least 10 characters from three of upper, lower, digits, symbols",
  },
  ADMIN_TARGET_PROTECTED: {
    status: 403,
    zh: "三员分立：管理员不能重置、停用或修改另一名管理员的账户；管理员密码须由另外两名管理员共同重置，或在服务器上用命令重置",
    en: "Separation of duties: an administrator cannot reset, disable or change another administrator's account; an administrator's password is reset by the two other administrators together, or by a command on the server",
  },
  ADMIN_ROLE_GRANT_SERVER_ONLY: {
    status: 403,
    zh: "三员分立：管理员角色不能在系统界面中授予，只能由服务器操作人员在服务器上授予，并写入审计日志",
    en: "Separation of duties: administrator roles are granted only by a command on the server (xinfang admin grant), which writes an audit row",
  },
  ADMIN_RESET_NOT_ADMIN: {
    status: 422,
    zh: "此用户不是管理员：其密码由系统管理员直接重置",
    en: "This user is not an administrator: the system administrator resets their password directly",
  },
  ADMIN_RESET_PENDING: {
    status: 409,
    zh: "这名管理员已有一项待批准的密码重置申请：请等待第三名管理员处理，或在其过期后再申请",
    en: "This administrator already has a password reset waiting for approval: wait for the third administrator, or ask again once it has expired",
  },
  ADMIN_REQUEST_SELF: {
    status: 403,
    zh: "三员分立：申请人或被重置的管理员本人不能批准此申请",
    en: "Separation of duties: the requester or the administrator concerned cannot approve this request",
  },
  ADMIN_REQUEST_CLOSED: {
    status: 409,
    zh: "该申请已处理或已过期",
    en: "This request was already decided or has expired",
  },
  ADMIN_ROLE_EXCLUSIVE: {
    status: 422,
    zh: "三员分立：管理员账号只能持有一个管理员角色，且不能兼任业务角色",
    en: "Separation of duties: an administrator account holds exactly one role",
  },
  CASE_INVALID_TRANSITION: {
    status: 409,
    zh: "该事项当前状态不允许此操作（可能已被他人处理）",
    en: "This action is not allowed in the case's current status (someone may have acted first)",
  },
  NOT_YOUR_TURN: {
    status: 403,
    zh: "当前签批环节不是您",
    en: "It is not your turn to sign",
  },
  ASSIGNMENT_UNIT_INVALID: {
    status: 422,
    zh: "承办单位无效（须为本辖区的部门或乡镇、村，主办单位不能同时协办）",
    en: "Invalid handling unit (a department, township or village here; the lead cannot also assist)",
  },
  DOCUMENT_NOT_AVAILABLE: {
    status: 409,
    zh: "该案件尚未进行到可出具此文书的环节",
    en: "The case has not reached the step this document records",
  },
  DOCUMENT_PDF_UNAVAILABLE: {
    status: 404,
    zh: "此文书没有 PDF 版本：服务器未安装中文字体（如 fonts-noto-cjk），请下载 Word 版本",
    en: "This document has no PDF: the server has no CJK font (e.g. fonts-noto-cjk); download the Word file",
  },
  DOCUMENT_TEMPLATE_INVALID: {
    status: 422,
    zh: "文书模板含有此类文书不提供的占位符",
    en: "The template uses placeholders this kind of document does not supply",
  },
  MERGE_TARGET_INVALID: {
    status: 409,
    zh: "只能合并到本人可见、仍在办理中的另一件信访事项",
    en: "A case can only be merged into another open case you may read",
  },
  SIMPLIFIED_NOT_ALLOWED: {
    status: 409,
    zh: "简易办理只适用于首次提出、事实清楚的信访事项",
    en: "The simplified procedure applies only to clear first petitions",
  },
  OBJECTION_WINDOW_PASSED: {
    status: 409,
    zh: "已超过提出异议的期限（收到交办后5个工作日）",
    en: "The objection window (5 working days after assignment) has passed",
  },
  EVALUATION_NOT_OPEN: {
    status: 409,
    zh: "该事项目前不能评价（尚未答复、已评价或已超过评价期限）",
    en: "This case cannot be rated now (no reply yet, already rated, or the window has closed)",
  },
  EXTENSION_TOO_LONG: {
    status: 422,
    zh: "延期天数超过规定上限",
    en: "The extension exceeds the legal maximum",
  },
  APPEAL_NOT_OPEN: {
    status: 409,
    zh: "目前不能提出该申请（尚未作出可申请的意见，或已超过申请期限）",
    en: "This request cannot be made now (no decision to appeal, or the window has closed)",
  },
  APPEAL_OUTSIDE_SYSTEM: {
    status: 409,
    zh: "该申请应由本县系统外的机关办理，不能在本系统受理：请登记转交（日期、所送材料）",
    en: "This request belongs to a body outside the county's system and cannot be accepted here: record its referral (date, documents sent)",
  },
  APPEAL_NOT_OUTSIDE: {
    status: 409,
    zh: "该申请由本县系统内的机关办理，无需转交",
    en: "This request is handled by a body inside the county's system; there is nothing to refer",
  },
  SEARCH_PERSON_IN_URL: {
    status: 400,
    zh: "信访人姓名、身份证号和电话不能放在网址中（网址会被记录）：请用 POST /api/search/cases 在请求体中提交",
    en: "Petitioner name, ID number and phone may not be sent in the address (addresses are logged): POST them to /api/search/cases in the body",
  },
  SEARCH_PERSON_FORBIDDEN: {
    status: 403,
    zh: "无权按信访人姓名、身份证号或电话检索",
    en: "You may not search by petitioner name, ID number or phone",
  },
  REPEAT_ORIGINAL_REQUIRED: {
    status: 422,
    zh: "请指定原信访事项",
    en: "Name the original case",
  },
  REPEAT_ORIGINAL_NOT_FOUND: { status: 404, zh: "未找到原信访事项", en: "Original case not found" },
  REPEAT_ORIGINAL_NOT_EARLIER: {
    status: 422,
    zh: "原信访事项须早于本事项收到",
    en: "The original case must have been received before this one",
  },
  REPEAT_ORIGINAL_NOT_TERMINATED: {
    status: 409,
    zh: "原信访事项尚未终结，不能按重复件不再受理",
    en: "The original case is not terminated; it cannot be refused again as a repeat",
  },
  REPEAT_ORIGINAL_NOT_OPEN: {
    status: 409,
    zh: "原信访事项已办结，不能并入",
    en: "The original case is closed; nothing can be merged into it",
  },
  REPEAT_KINDS_DIFFER: {
    status: 409,
    zh: "检举控告与其他信访事项不能相互合并或按重复件不再受理，请改为关联",
    en: "An accusation and a petition of another kind cannot be merged into or refused as each other's repeat; link them instead",
  },
  ROUTING_RULE_DUPLICATE: {
    status: 409,
    zh: "该类别和属地已有派单规则",
    en: "A routing rule for this category and region already exists",
  },
  NOT_A_WORKING_DAY: {
    status: 422,
    zh: "所选日期不是工作日（按法定节假日和调休日历）",
    en: "The date is not a working day (statutory holidays and make-up days considered)",
  },
  DATE_IN_PAST: { status: 422, zh: "日期不能早于今天", en: "The date must not be in the past" },
  DATE_RANGE_INVALID: { status: 422, zh: "日期范围无效", en: "Invalid date range" },
  BUREAU_DUPLICATE: {
    status: 409,
    zh: "已有相同的安排（同一领导同一天接访、同一时段值班等）",
    en: "The same arrangement already exists (same leader on the same day, overlapping duty, …)",
  },
  BUREAU_INVALID_STATE: {
    status: 409,
    zh: "该记录当前状态不允许此操作（可能已被他人处理）",
    en: "This record's current state does not allow this action (someone may have acted first)",
  },
  RECEPTION_DAY_FULL: { status: 409, zh: "该接访日预约已满", en: "This reception day is fully booked" },
  RECEPTION_DAY_CLOSED: {
    status: 409,
    zh: "该接访日不能预约（已过期或已取消）",
    en: "This reception day cannot be booked (past or cancelled)",
  },
  APPOINTMENT_CODE_INVALID: {
    status: 404,
    zh: "预约编号或查询码不正确",
    en: "Appointment number or query code is wrong",
  },
  RECEPTION_PETITIONER_UNKNOWN: {
    status: 422,
    zh: "事项引用的来访人不在本次接访名单中",
    en: "A matter refers to a petitioner who is not on this reception record",
  },
  OWNERSHIP_CASE_TAKEN: {
    status: 409,
    zh: "该信访事项已有在办的领导包案",
    en: "This case already has an open leader ownership",
  },
  OWNERSHIP_DUTIES_OPEN: {
    status: 409,
    zh: "五包责任尚未全部落实，不能认定化解",
    en: "Not every one of the five duties is done yet",
  },
  CASE_NOT_OPEN: { status: 409, zh: "该信访事项已办结，不能再包案", en: "The case is no longer open" },
  ACCUSATION_NO_SIGNER: {
    status: 422,
    zh: "该检举控告涉及全部签批领导所在单位，不能在本机关签批，应转送规则包指定的机关",
    en: "The accusation concerns the units of every leader who would sign it: forward it to the body the rule pack names",
  },
  NOT_AN_ACCUSATION: {
    status: 422,
    zh: "此信访事项不是检举控告类",
    en: "This petition is not an accusation",
  },
  ACCUSATION_AGAINST_OWN_UNIT: {
    status: 409,
    zh: "该检举控告涉及本机关：只有在登记或受理阶段才能依规则转送，已进入办理的请先由领导研究处理",
    en: "The accusation concerns this body: it can be forwarded under the rules only while registered or accepted; once in handling, the leaders decide",
  },
  ASSIGNMENT_UNIT_ACCUSED: {
    status: 422,
    zh: "检举控告不能交办给被检举控告的单位、其下属单位或其县以下的上级单位",
    en: "An accusation cannot be assigned to the accused unit, a unit below it or its superior below the county",
  },
  RESPONSIBLE_UNIT_ACCUSED: {
    status: 422,
    zh: "责任单位不能是被检举控告的单位",
    en: "The responsible unit must not be the accused unit",
  },
  PERIOD_IN_FUTURE: { status: 422, zh: "排查月份不能晚于本月", en: "The screening month is in the future" },
  QUARTER_NOT_ENDED: {
    status: 422,
    zh: "季度交办只能交办本季度及以前排查的纠纷",
    en: "Only disputes screened in or before the quarter can be handed over for it",
  },
  CASE_ALREADY_FLAGGED: {
    status: 409,
    zh: "该信访事项已在挂牌督办中",
    en: "The case is already under flagged supervision",
  },
  NOT_ADDRESSEE: {
    status: 403,
    zh: "只有被督办单位可以答复督办单",
    en: "Only the addressed unit may reply to the order",
  },
  CONFERENCE_NOT_YET_HELD: {
    status: 422,
    zh: "会议日期未到，不能录入会议纪要",
    en: "The meeting's date has not come yet: minutes cannot be recorded",
  },
  DUTY_OVERLAP: {
    status: 409,
    zh: "该值班人员在此时段已有值班安排",
    en: "The officer already has a shift in this time",
  },
  DUTY_NOT_ON_SHIFT: {
    status: 403,
    zh: "只有当班人员或信访局办公室可以记录值班日志",
    en: "Only the officer on the shift or the bureau office may write its log",
  },
  ORG_UNIT_INVALID: {
    status: 422,
    zh: "单位层级或行政区划代码不符合要求：乡镇在县下、村在乡镇下、组在村下，部门在县或乡镇下；乡镇代码9位、村12位，均以上级代码开头",
    en: "Wrong unit level or region code: township under county, village under township, group under village, departments under county or township; 9 digits for a township, 12 for a village, each starting with its parent's",
  },
  ORG_UNIT_CODE_TAKEN: {
    status: 409,
    zh: "同一上级单位下已有相同代码的单位",
    en: "A unit with this code already exists under the same parent",
  },
  ORG_UNIT_IN_USE: {
    status: 409,
    zh: "该单位仍有在用的下级单位或用户（或为县级根单位），不能停用",
    en: "The unit still has active sub-units or users (or is the county itself) and cannot be deactivated",
  },
  IMPORT_INVALID: {
    status: 422,
    zh: "导入文件有错误，未写入任何数据（错误按工作表、行、列列出）",
    en: "The import file has problems; nothing was written (listed by sheet, row and column)",
  },
  IMPORT_FILE_UNREADABLE: {
    status: 422,
    zh: "无法读取导入文件：只能导入 .xlsx 或 .csv 文件",
    en: "The import file cannot be read: only .xlsx or .csv files",
  },
  CONFLICT: {
    status: 409,
    zh: "数据已被他人修改，请刷新后重试",
    en: "Changed by someone else; reload and retry",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    zh: "服务暂时不可用（数据库无法连接），请稍后重试",
    en: "Service temporarily unavailable (database unreachable); retry shortly",
  },
  STATS_PERIOD_INVALID: {
    status: 400,
    zh: "统计期间无效（年份、序号或起止日期有误）",
    en: "Invalid statistics period (year, index or dates)",
  },
  STATS_EXPORT_TOO_LARGE: {
    status: 422,
    zh: "导出的事项过多，请缩小筛选范围",
    en: "Too many cases to export; narrow the filter",
  },
  AUDIT_EXPORT_TOO_LARGE: {
    status: 422,
    zh: "导出的审计记录过多，请缩小筛选范围（全部日志请在服务器上用 xinfang audit export 导出）",
    en: "Too many audit rows to download; narrow the filter (export the whole log with xinfang audit export on the server)",
  },
  REPORT_TEMPLATE_INVALID: {
    status: 422,
    zh: "报告模板含有未知的占位符",
    en: "The report template uses unknown placeholders",
  },
  WARNING_NOT_FOUND: { status: 404, zh: "未找到该预警", en: "Warning not found" },
  WARNING_INVALID_STATE: {
    status: 409,
    zh: "该预警当前状态不允许此操作",
    en: "The warning's current status does not allow this",
  },
  WARNING_DIGEST_NOT_FOUND: { status: 404, zh: "该日没有预警日报", en: "No warning digest for that day" },
  SENSITIVE_PERIOD_NOT_FOUND: { status: 404, zh: "未找到该敏感节点", en: "Sensitive period not found" },
  SENSITIVE_PERIOD_INVALID: {
    status: 422,
    zh: "敏感节点的起止日期无效（结束早于开始，或超过一年）",
    en: "Invalid sensitive period dates (end before start, or longer than a year)",
  },
  CALENDAR_YEAR_PUBLISHED: {
    status: 409,
    zh: "该年份的节假日和调休已由节假日数据包公布，无需确认",
    en: "The holiday package already publishes that year's holidays and make-up working days",
  },
  CALENDAR_YEAR_CONFIRMED: {
    status: 409,
    zh: "该年份的调休安排已确认",
    en: "That year is already confirmed",
  },
  CALENDAR_OVERRIDE_OUTSIDE_YEAR: {
    status: 422,
    zh: "导入的日期不在所确认的年份内",
    en: "An imported date is not in the year being confirmed",
  },
  // Fields per category (domain/fields, server/fields).
  FIELD_VALUES_INVALID: {
    status: 422,
    zh: "附加字段填写有误（见各字段说明）",
    en: "Some category fields are not valid (see each field)",
  },
  FIELD_TYPE_CHANGED: {
    status: 422,
    zh: "已有字段不能改变类型，请新建一个字段",
    en: "An existing field cannot change its type; add a new field instead",
  },
  FIELD_SET_NONE: {
    status: 422,
    zh: "该问题类别没有附加字段",
    en: "The case's category has no extra fields",
  },
  FIELD_FILTER_INVALID: {
    status: 400,
    zh: "附加字段筛选条件无法识别，或该字段不存在、无权查看",
    en: "The field filter cannot be read, or the field does not exist or is not visible to you",
  },
  PAYMENT_AMOUNT_INVALID: {
    status: 422,
    zh: "追回金额须大于0，按元填写，最多两位小数",
    en: "The amount must be above 0, in yuan, with at most 2 decimals",
  },
  PAYMENT_DATE_FUTURE: {
    status: 422,
    zh: "支付日期不能晚于今天",
    en: "The payment date cannot be in the future",
  },
  MAP_GEOJSON_UNREADABLE: {
    status: 400,
    zh: "边界文件不是有效的 JSON（GeoJSON）文本",
    en: "The boundary file is not valid JSON (GeoJSON) text",
  },
  MAP_GEOJSON_INVALID: {
    status: 422,
    zh: "边界文件不符合要求：须为 FeatureCollection，每个要素为 Polygon 或 MultiPolygon 且带行政区划代码",
    en: "The boundary file is not acceptable: it must be a FeatureCollection of Polygon or MultiPolygon features, each with a region code",
  },
  MAP_GEOJSON_TOO_LARGE: {
    status: 413,
    zh: "边界文件过大",
    en: "The boundary file is too large",
  },
  MAP_REGION_UNKNOWN: {
    status: 422,
    zh: "边界文件中有行政区划代码不是本组织网络中的乡镇或村（社区）",
    en: "Region codes in the boundary file are not townships or villages of this network",
  },
  MAP_BOUNDARIES_NOT_FOUND: {
    status: 404,
    zh: "尚未上传地图边界",
    en: "No map boundaries have been uploaded",
  },
  OPEN311_JURISDICTION_UNKNOWN: {
    status: 404,
    zh: "jurisdiction_id 不是本系统服务的辖区",
    en: "jurisdiction_id is not the jurisdiction this server serves",
  },
  OPEN311_SERVICE_UNKNOWN: {
    status: 404,
    zh: "没有这个 service_code（问题类别）",
    en: "No service with this service_code (category)",
  },
  OPEN311_PARAM_INVALID: {
    status: 400,
    zh: "请求参数缺失或无效",
    en: "A request parameter is missing or invalid",
  },
  OPEN311_LOCATION_REQUIRED: {
    status: 400,
    zh: "请提供问题所在位置：lat/long（须落在已上传的边界内）、address_string（含乡镇或村名）或 attribute[region_code]",
    en: "Give the problem's location: lat/long (inside the uploaded boundaries), address_string (naming a township or village) or attribute[region_code]",
  },
  OPEN311_MEDIA_URL_UNSUPPORTED: {
    status: 400,
    zh: "不接受 media_url：外部链接的材料无法核实，请在网上信访页面凭查询码上传附件",
    en: "media_url is not accepted: linked media cannot be verified; upload files on the portal with the query code",
  },
  OPEN311_REQUEST_ID_REQUIRED: {
    status: 400,
    zh: "信访事项不公开：查询须提供 service_request_id（查询码），可用逗号分隔多个",
    en: "Petitions are not public: give service_request_id (the query code), several separated by commas",
  },
  OPEN311_REQUEST_NOT_FOUND: {
    status: 404,
    zh: "没有与该查询码对应的信访事项",
    en: "No request with this service_request_id",
  },
  KNOWLEDGE_NOT_FOUND: { status: 404, zh: "未找到该知识库条目", en: "Knowledge-base entry not found" },
  KNOWLEDGE_VERSION_CONFLICT: {
    status: 409,
    zh: "该条目已被他人修改，请刷新后再改",
    en: "Someone else changed the entry; reload it and edit again",
  },
  KNOWLEDGE_VERSION_NOT_FOUND: { status: 404, zh: "该条目没有这个版本", en: "The entry has no such version" },
  KNOWLEDGE_CATEGORY_UNKNOWN: {
    status: 422,
    zh: "问题类别不存在或已停用",
    en: "The category does not exist or is no longer in use",
  },
  KNOWLEDGE_VALIDITY_INVALID: {
    status: 422,
    zh: "有效期无效：失效日期早于生效日期",
    en: "Invalid validity: the end date is before the start date",
  },
  KNOWLEDGE_TEMPLATE_PUBLIC: {
    status: 422,
    zh: "从个案保存的答复模板不能公开",
    en: "A reply template saved from a case cannot be public",
  },
  KNOWLEDGE_PERSONAL_DATA: {
    status: 422,
    zh: "内容含有身份证号、手机号或信访人姓名、住址，请删去后再保存",
    en: "The text holds an ID number, a mobile number or the petitioner's name or address; remove them first",
  },
  KNOWLEDGE_CASE_UNCATEGORISED: {
    status: 422,
    zh: "该信访事项尚未确定问题类别，无法推荐或保存模板",
    en: "The case has no category yet: nothing to suggest or file a template under",
  },
  HEARING_ALREADY_SCHEDULED: {
    status: 409,
    zh: "该信访事项已有一场待举行的听证，请先记录或取消",
    en: "A hearing is already scheduled on this case: record or cancel it first",
  },
  HEARING_NOT_SCHEDULED: {
    status: 409,
    zh: "该听证不是待举行状态，不能再记录或取消",
    en: "The hearing is not waiting to be held: it cannot be recorded or cancelled",
  },
  HEARING_DATE_INVALID: {
    status: 422,
    zh: "听证举行日期不能早于安排日期，也不能晚于今天",
    en: "The hearing's date cannot be before it was scheduled or after today",
  },
  STEP_CASE_CLOSED: {
    status: 409,
    zh: "该信访事项已办结或已归档，不能再上报、听证或调解",
    en: "The case is closed: no report up, hearing or mediation any more",
  },
  STEP_TIME_INVALID: {
    status: 422,
    zh: "时间无效：不能早于登记时间，也不能晚于现在",
    en: "Invalid time: not before the case was registered, nor in the future",
  },
  DISPUTE_UNKNOWN: {
    status: 422,
    zh: "矛盾纠纷台账中没有这一条，或不在你的辖区",
    en: "No such dispute in the ledger, or it is outside your area",
  },
  SUPERVISION_NOT_ORDER: {
    status: 409,
    zh: "只有督办（不是催办或挂牌）才出具督办单",
    en: "Only a supervision order (not a reminder or a flag) has a 督办单",
  },
  INTERNAL: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
