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
} as const;

/** The three legal classes of 信访工作条例 (第三十条). */
export const LEGAL_CLASS_LABELS = {
  suggestion: { zh: "建议意见类", en: "Suggestions" },
  accusation: { zh: "检举控告类", en: "Accusations" },
  appeal_request: { zh: "申诉求决类", en: "Appeals and requests" },
} as const;
