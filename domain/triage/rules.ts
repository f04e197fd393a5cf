import type { Nature } from "../workflow/statuses.ts";

/**
 * Keyword rules: the cold start before the bureau has confirmed cases to train on, and a second
 * opinion afterwards. Each rule names the words that fired, so a suggestion always has a reason.
 */
export interface KeywordRule<L extends string> {
  label: L;
  words: readonly string[];
}

export const CATEGORY_RULES: KeywordRule<string>[] = [
  { label: "labor.wage_arrears", words: ["农民工", "工资", "欠薪", "讨薪", "工钱", "血汗钱", "包工头"] },
  { label: "labor.project_payment", words: ["工程款", "结算", "垫资", "发包方", "审计", "竣工"] },
  { label: "labor.contract", words: ["劳动合同", "辞退", "经济补偿", "解除", "双倍工资", "仲裁"] },
  { label: "land.compensation", words: ["征地", "征收", "补偿标准", "耕地", "地上附着物", "失地"] },
  { label: "land.demolition", words: ["拆迁", "强拆", "安置房", "过渡费", "回迁", "拆除"] },
  { label: "land.distribution", words: ["出嫁女", "外嫁女", "分配", "集体经济组织", "成员资格"] },
  { label: "enterprise.staff", words: ["改制", "买断工龄", "身份置换", "老职工", "国资", "集资款"] },
  { label: "lending.illegal_funding", words: ["非法集资", "集资", "高额利息", "跑路", "退赔", "投资"] },
  { label: "lending.private_loans", words: ["借款", "借条", "欠款", "借了", "还钱", "诉讼时效"] },
  { label: "legal.litigation", words: ["判决", "法院", "再审", "一审", "二审", "法官", "败诉"] },
  { label: "legal.enforcement", words: ["执行", "强制执行", "被执行人", "终结本次", "裁决"] },
  {
    label: "construction.housing_quality",
    words: ["开裂", "漏水", "渗水", "质量", "交房", "房产证", "保修"],
  },
  { label: "construction.daylight", words: ["采光", "日照", "规划", "挡光", "容积率", "加层"] },
  { label: "construction.property", words: ["物业", "电梯", "业主委员会", "业委会", "物业费", "维修资金"] },
  { label: "veterans.benefits", words: ["退役", "军人", "士兵", "优抚", "战友", "服役", "军龄"] },
  { label: "mining.subsidence", words: ["塌陷", "采空", "采煤", "裂缝", "沉降", "矿"] },
  { label: "mining.relocation", words: ["搬迁", "整村", "安置点", "安置面积", "危房"] },
  { label: "rural.subsidy", words: ["补贴", "直补", "惠农", "一卡通", "农机", "低保金"] },
  { label: "rural.village_affairs", words: ["村务", "财务", "查账", "集体资金", "账目", "公开"] },
  { label: "rural.election", words: ["选举", "贿选", "换届", "选民", "投票", "两委"] },
  { label: "rural.neighbour", words: ["邻居", "宅基地", "界线", "排水沟", "院墙", "养猪"] },
  { label: "education.enrolment", words: ["入学", "上学", "学位", "随迁子女", "学校", "校车"] },
  { label: "security.public_order", words: ["赌博", "殴打", "派出所", "黑恶", "打架", "报警"] },
  { label: "social.pension", words: ["养老金", "养老保险", "退休", "视同缴费", "工龄", "补缴"] },
  { label: "social.medical", words: ["医保", "报销", "住院", "大病", "医疗救助", "就医"] },
  { label: "conduct.inaction", words: ["不作为", "推诿", "吃拿卡要", "好处费", "作风", "态度"] },
  { label: "other", words: ["公交", "水质", "噪音", "户口", "自来水"] },
];

export const NATURE_RULES: KeywordRule<Nature>[] = [
  { label: "accusation", words: ["举报", "揭发", "控告", "检举", "查处", "贪污", "侵占", "贿选", "违纪"] },
  { label: "suggestion", words: ["建议", "意见", "倡议", "增设", "推行", "建立"] },
  { label: "appeal", words: ["不服", "申诉", "复查", "重新核定", "再审", "不认可", "重新审理"] },
  { label: "inquiry", words: ["咨询", "想问", "请问", "能不能", "怎么办理", "需要什么材料", "哪个部门"] },
  { label: "request", words: ["请求", "要求", "督促", "恳请", "帮助", "解决", "尽快"] },
];

export interface RuleHit<L extends string> {
  label: L;
  hits: string[];
  score: number;
}

/** Rules ranked by how many of their words occur in the text (ties keep the rule order). */
export function applyRules<L extends string>(rules: readonly KeywordRule<L>[], text: string): RuleHit<L>[] {
  return rules
    .map((r, order) => {
      const hits = r.words.filter((w) => text.includes(w));
      return { label: r.label, hits, score: hits.length, order };
    })
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ label, hits, score }) => ({ label, hits, score }));
}

/** Matters that must leave the petition route, with the body that handles them instead. */
export type RouteOut = "legal_channel" | "discipline_inspection";

export interface RouteOutFlag {
  route: RouteOut;
  /** 政法部门 / 纪检监察机关 */
  bodyZh: string;
  hits: string[];
  /** The model's probability that the matter leaves the petition route (absent on a cold start). */
  score?: number;
}

const LEGAL_WORDS = ["法院", "判决", "裁定", "再审", "诉讼", "起诉", "检察院", "仲裁", "强制执行", "执行"];
const OFFICIAL_WORDS = [
  "干部",
  "村支书",
  "村主任",
  "村会计",
  "书记",
  "镇长",
  "局长",
  "法官",
  "工作人员",
  "负责人",
];
const MISCONDUCT_WORDS = [
  "贪污",
  "受贿",
  "挪用",
  "截留",
  "侵占",
  "违纪",
  "索要",
  "好处费",
  "吃拿卡要",
  "虚报冒领",
];

/**
 * 信访工作条例 Art. 31: matters for the courts (涉法涉诉) go to the political-legal organs, and
 * accusations of officials' misconduct to discipline inspection (纪检监察), not through petitions.
 */
export function routeOutFlags(text: string, category: string | null): RouteOutFlag[] {
  const out: RouteOutFlag[] = [];
  const legal = LEGAL_WORDS.filter((w) => text.includes(w));
  if ((category?.startsWith("legal") && legal.length > 0) || legal.length >= 2) {
    out.push({ route: "legal_channel", bodyZh: "政法部门（法院、检察院、公安）", hits: legal });
  }
  const officials = OFFICIAL_WORDS.filter((w) => text.includes(w));
  const misconduct = MISCONDUCT_WORDS.filter((w) => text.includes(w));
  if (officials.length > 0 && misconduct.length > 0) {
    out.push({ route: "discipline_inspection", bodyZh: "纪检监察机关", hits: [...officials, ...misconduct] });
  }
  return out;
}
