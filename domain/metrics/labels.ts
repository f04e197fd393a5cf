import type { CaseStatus, Channel, DestinationLevel, LegalClass, Nature } from "../workflow/statuses.ts";

/** Chinese labels of the values statistics break down by, as reports print them. */
export const CHANNEL_ZH: Record<Channel, string> = {
  letter: "来信",
  visit: "来访",
  online: "网上信访",
  phone: "来电",
  referral: "上级交办转送",
};

export const NATURE_ZH: Record<Nature, string> = {
  request: "求决类",
  suggestion: "意见建议类",
  appeal: "申诉类",
  accusation: "揭发控告类",
  inquiry: "咨询类",
};

export const LEGAL_CLASS_ZH: Record<LegalClass, string> = {
  suggestion: "建议意见类",
  accusation: "检举控告类",
  appeal_request: "申诉求决类",
};

export const DESTINATION_ZH: Record<DestinationLevel, string> = {
  national: "进京",
  provincial: "赴省",
  municipal: "去市",
  county: "来县",
};

export const STATUS_ZH: Record<CaseStatus, string> = {
  pending_screening: "待查实",
  registered: "已登记",
  rejected_incomplete: "查实退回",
  accepted: "已受理",
  declined: "不予受理",
  forwarded: "已转送",
  refused_again: "不再受理",
  drafting: "拟办中",
  awaiting_signoff: "待签批",
  signed_off: "已签批",
  assigned: "已交办",
  handling: "办理中",
  result_reported: "已报办结",
  vetted: "已审核",
  replied: "已答复",
  evaluated: "已评价",
  review_requested: "申请复查",
  under_review: "复查中",
  reviewed: "已复查",
  reexam_requested: "申请复核",
  under_reexam: "复核中",
  terminated: "已终结",
  merged: "已合并",
  closed: "已结案",
  archived: "已归档",
};

export const BLANK_ZH = "未填写";
export const OUTSIDE_ZH = "辖区外";

/** The rates of the statistics summary (ZStatsSummary `rates`), as the reports name them. */
export const RATE_ZH = {
  timelyAcceptance: "及时受理率",
  onTimeCompletion: "按期办结率",
  evaluation: "参评率",
  bureauSatisfaction: "信访部门满意率",
  unitSatisfaction: "承办单位满意率",
  repeat: "重复信访率",
  onlineShare: "网信占比",
} as const;
export type RateName = keyof typeof RATE_ZH;
