/** Words of the bureau office's reclassification step (调整分类) on the case page. */
export const RECLASSIFY_MESSAGES = {
  reclassify: { zh: "调整分类", en: "Reclassify" },
  reclassifyHelp: {
    zh: "调整信访性质、法定分类、问题类别或问题属地。改动记入事项记录和审计日志，统计随之更新；改为揭发控告的事项自动保密。",
    en: "Change the nature, legal class, category or place. The change is recorded on the case and in the audit log, and the statistics follow; a case that becomes an accusation is made confidential.",
  },
  legalClass: { zh: "法定分类", en: "Legal class" },
  reclassifyNothing: {
    zh: "请至少调整一项",
    en: "Change at least one field",
  },
  reclassifyDone: { zh: "分类已调整", en: "The classification was changed" },
  firstOrRepeat: { zh: "初信初访/重复信访", en: "First or repeat" },
  firstOrRepeatHelp: {
    zh: "重复信访指同一信访人就同一事项再次信访；同一人反映不同事项的，属初信初访。",
    en: "A repeat is the same person about the same matter again; the same person about another matter is a first petition.",
  },
  repeatPetition: { zh: "重复信访", en: "Repeat petition" },
  // 回访评价: a rating the petitioner gave to staff
  recordRating: { zh: "记录回访评价", en: "Record a follow-up rating" },
  recordRatingHelp: {
    zh: "信访人未在网上评价的，回访时按其本人意见记录满意度。记录后计入参评率和满意率，不能再修改。",
    en: "For a petitioner who did not rate online: record the rating they gave at the follow-up. It counts in the rating and satisfaction rates and cannot be changed afterwards.",
  },
  ratingChannel: { zh: "评价方式", en: "How it was given" },
  ratingRecorded: { zh: "回访评价已记录", en: "The rating was recorded" },
  ratingsByChannel: { zh: "按评价方式", en: "By how ratings came in" },
  ratedItems: { zh: "件", en: " rated" },
  // 复查复核申请转交系统外机关
  referAppeal: { zh: "转交系统外机关", en: "Refer outside the system" },
  referAppealHelp: {
    zh: "该申请应由本县系统外的机关（{body}）办理。登记将申请和材料送出的日期及所送材料；登记后本事项结案，各项时限停止。",
    en: "This request belongs to a body outside the county's system ({body}). Record the day the request and the file were sent and what was sent; the case is then closed and every clock stops.",
  },
  referSentOn: { zh: "送出日期", en: "Sent on" },
  referDocuments: { zh: "所送材料", en: "Documents sent" },
  referDocumentsHelp: {
    zh: "输入一项后按回车，可填多项，如：复查申请书、处理意见书、调查材料",
    en: "Type one and press Enter; several allowed, e.g. the request, the answer, the investigation file",
  },
  referNote: { zh: "备注", en: "Note" },
  referDone: { zh: "已登记转交，事项已结案", en: "The referral was recorded and the case closed" },
  // 重新发放查询码
  reissueQueryCode: { zh: "重新发放查询码", en: "Reissue the query code" },
  reissueQueryCodeHelp: {
    zh: "核验信访人身份后发放新的查询码，原查询码立即失效。新码只显示这一次，请当面告知或打印交给信访人。",
    en: "After checking the petitioner's identity, issue a new query code; the old one stops working at once. The new code is shown only this once: tell it in person or print it for the petitioner.",
  },
  identityCheck: { zh: "身份核验方式", en: "Identity checked by" },
  identityNote: { zh: "核验说明", en: "Note on the check" },
  newQueryCode: { zh: "新查询码", en: "New query code" },
  newQueryCodeShown: {
    zh: "新查询码（原查询码已失效）：",
    en: "New query code (the old one no longer works): ",
  },
} as const;

/** How a petitioner's identity was checked before a new query code is issued. */
export const IDENTITY_CHECK_LABELS = {
  id_card: { zh: "居民身份证", en: "ID card" },
  household_register: { zh: "户口簿", en: "Household register" },
  passport: { zh: "护照", en: "Passport" },
  other_certificate: { zh: "其他有效证件", en: "Other valid certificate" },
} as const;

/** How a rating came in. */
export const RATING_CHANNEL_LABELS = {
  portal: { zh: "网上评价", en: "Online" },
  phone: { zh: "电话回访", en: "Phone follow-up" },
  visit: { zh: "当面回访", en: "In person" },
  letter: { zh: "书面回复", en: "By letter" },
} as const;

/** The three legal classes of 信访工作条例 (第三十条). */
export const LEGAL_CLASS_LABELS = {
  suggestion: { zh: "建议意见类", en: "Suggestions" },
  accusation: { zh: "检举控告类", en: "Accusations" },
  appeal_request: { zh: "申诉求决类", en: "Appeals and requests" },
} as const;
