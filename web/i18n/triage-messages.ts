/** Words of the registration screen's triage suggestions (分类与承办单位建议). */
export const TRIAGE_MESSAGES = {
  triageTitle: {
    zh: "分类与承办单位建议（仅供参考，由登记员决定）",
    en: "Suggestions (the registrar decides)",
  },
  triageWaiting: { zh: "填写内容后自动给出建议", en: "Suggestions appear once the content is typed" },
  triageChecking: { zh: "正在分析…", en: "Analysing…" },
  triageNotSure: { zh: "不确定，请人工判断", en: "Not sure: please decide yourself" },
  triageNotSureHelp: {
    zh: "把握不足，下列类别仅供参考，未自动采用",
    en: "Too uncertain: the categories below are for reference only",
  },
  triageNature: { zh: "信访性质", en: "Nature" },
  triageCategory: { zh: "问题类别", en: "Category" },
  triageUnit: { zh: "建议承办单位", en: "Suggested handling unit" },
  triageUnitNone: {
    zh: "暂无建议：派单目录中没有这一类别，请人工指定",
    en: "No suggestion: the routing catalogue lacks this category",
  },
  triageOtherUnits: { zh: "其他可选", en: "Other options" },
  triageApply: { zh: "采用", en: "Use" },
  triageApplied: { zh: "已采用", en: "In use" },
  triageScore: { zh: "把握 {n}%", en: "{n}% sure" },
  triageRouteOut: {
    zh: "可能应移交{body}处理",
    en: "May belong to {body}",
  },
  triageRouteOutNotSure: {
    zh: "无法判断是否应移交{body}，请人工判断",
    en: "Cannot tell whether it belongs to {body}: please decide yourself",
  },
  triageBodyLegalChannel: {
    zh: "政法部门（法院、检察院、公安）",
    en: "the courts, procuratorate or police",
  },
  triageBodyDisciplineInspection: { zh: "纪检监察机关", en: "the discipline inspection commission" },
  triageProtect: {
    zh: "疑似检举控告：请注意对被检举人保密",
    en: "Looks like an accusation: keep it from the accused",
  },
  triageSourceCatalogue: { zh: "派单目录", en: "Routing catalogue" },
  triageSourcePractice: { zh: "本局办理惯例", en: "The bureau's practice" },
  triageSourceRouteOut: { zh: "移交有关机关", en: "Route-out body" },
  triageSourceNames: { zh: "按单位名称匹配", en: "By the unit's name" },
  triageReasonCatalogue: {
    zh: "派单目录规定「{category}」类事项由{unit}承办",
    en: "The routing catalogue sends {category} to {unit}",
  },
  triageReasonByParent: { zh: "（按上级类别）", en: " (by the parent category)" },
  triageReasonByRegion: { zh: "，按问题属地", en: ", by the problem's place" },
  triageReasonOther: { zh: "{reason}", en: "{source}: {unit}" },
} as const;
