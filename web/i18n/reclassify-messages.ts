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
