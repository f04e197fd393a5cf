import { WARNING_KIND_NAMES } from "../../../../domain/warnings/describe.ts";
import type { WarningKind, WarningStatus } from "../../../../domain/warnings/types.ts";
import type { Bi } from "../../../i18n/labels.ts";

export const KIND_LABELS: Record<WarningKind, Bi> = WARNING_KIND_NAMES;

export const KIND_COLORS: Record<WarningKind, string> = {
  spike: "orange",
  collective_forming: "volcano",
  threat: "red",
  level_skipping: "purple",
  sensitive_period: "blue",
};

export const WARNING_STATUS_LABELS: Record<WarningStatus, Bi> = {
  open: { zh: "待签收", en: "Open" },
  acknowledged: { zh: "跟进中", en: "Acknowledged" },
  closed: { zh: "已办结", en: "Closed" },
};

/** The page's own words (the menu entry is in web/i18n/messages.ts). */
export const W: Record<string, Bi> = {
  title: { zh: "预警研判", en: "Early warnings" },
  intro: {
    zh: "预警针对信访事项本身（证据为事项），用于及早化解；不针对、不列出信访人。",
    en: "Warnings are about matters (the evidence is cases), to resolve them early; they never list people.",
  },
  kind: { zh: "类型", en: "Kind" },
  status: { zh: "状态", en: "Status" },
  subject: { zh: "对象", en: "Subject" },
  summary: { zh: "说明", en: "Summary" },
  window: { zh: "期间", en: "Window" },
  cases: { zh: "事项数", en: "Cases" },
  raisedAt: { zh: "发现时间", en: "Raised" },
  all: { zh: "全部", en: "All" },
  evidence: { zh: "相关信访事项", en: "Evidence cases" },
  followUps: { zh: "跟进情况", en: "Follow-ups" },
  noFollowUps: { zh: "暂无跟进记录", en: "No follow-ups yet" },
  acknowledge: { zh: "签收", en: "Acknowledge" },
  followUp: { zh: "记录跟进", en: "Add follow-up" },
  close: { zh: "办结", en: "Close" },
  note: { zh: "跟进情况", en: "Note" },
  reason: { zh: "办结理由", en: "Reason" },
  acknowledgedBy: { zh: "签收人", en: "Acknowledged by" },
  closedBy: { zh: "办结人", en: "Closed by" },
  digest: { zh: "预警日报", en: "Daily digest" },
  noDigest: { zh: "暂无预警日报", en: "No digest yet" },
  digestNew: { zh: "新增", en: "New" },
  digestOpen: { zh: "未办结", en: "Open" },
  digestAlerts: {
    zh: "办理期限：临期 {warning} 件，超期 {breach} 件",
    en: "Deadlines: {warning} due soon, {breach} overdue",
  },
  downloadDocx: { zh: "下载 Word", en: "Download Word" },
  empty: { zh: "暂无预警", en: "No warnings" },
  caseWarnings: { zh: "预警提示", en: "Early-warning suggestions" },
  actionDone: { zh: "已保存", en: "Saved" },
  whenScanned: {
    zh: "系统每天 07:00（北京时间）自动研判一次：查找某类问题在乡镇的突增、正在形成的集体访、含威胁字句的来信来访、同一事项反复越级，以及敏感时期的集中信访，并生成预警日报。",
    en: "The system analyses the cases every day at 07:00 (Beijing time): spikes of a kind of problem in a township, collective petitions forming, threats, repeated level-skipping of one matter and clusters in sensitive periods; it also writes the daily digest.",
  },
  emptyNothingFound: {
    zh: "暂无预警：目前没有需要预警的情况。",
    en: "No warnings: nothing needs one at present.",
  },
  emptyAskOffice: {
    zh: "需要立即研判时，请联系县信访局办公室。",
    en: "To run the analysis now, ask the county petition bureau's office.",
  },
  scanNow: { zh: "立即研判", en: "Analyse now" },
  scanDone: {
    zh: "研判完成：新发现 {raised} 条，更新 {updated} 条",
    en: "Analysis done: {raised} new, {updated} updated",
  },
};
