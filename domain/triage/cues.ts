/**
 * Cues that carry the meaning of a petition's nature and of its leaving the petition route,
 * independent of its topic: who is accused of what, what decision is contested, whether the writer
 * proposes, asks or demands, whether a court is already involved. Each cue is a feature the nature
 * and route-out models weigh; the words that fired are the reason shown to the registrar.
 */

export const CUE_WORDS = {
  accuse: [
    "举报",
    "检举",
    "揭发",
    "控告",
    "告发",
    "实名反映",
    "查处",
    "严查",
    "彻查",
    "查一查",
    "纪委",
    "监委",
  ],
  official: [
    "村支书",
    "支书",
    "村主任",
    "村长",
    "村会计",
    "会计",
    "出纳",
    "书记",
    "镇长",
    "乡长",
    "局长",
    "所长",
    "站长",
    "主任",
    "干部",
    "工作人员",
    "领导",
    "科长",
    "队长",
    "校长",
    "院长",
    "民警",
    "城管",
    "执法人员",
    "公职人员",
    "组长",
    "委员",
    "副镇长",
    "副乡长",
    "党员",
    "村委",
  ],
  misconduct: [
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
    "优亲厚友",
    "以权谋私",
    "行贿",
    "贿赂",
    "贿选",
    "克扣",
    "私分",
    "中饱私囊",
    "回扣",
    "违规",
    "乱纪",
    "关系户",
    "冒领",
    "套取",
    "骗取",
    "收受",
    "红包",
    "公款",
    "滥用职权",
    "吃喝",
    "送礼",
    "收钱",
    "拿钱",
    "私吞",
    "占为己有",
    "打点",
    "宴请",
    "报销",
    "饮酒",
    "喝酒",
    "亲侄",
    "亲属",
    "小舅子",
    "偷排",
    "私自",
    "非法",
    "违法",
    "不开收据",
    "变卖",
    "霸占",
    "打击报复",
    "威胁",
    "包庇",
    "充当保护伞",
    "保护伞",
    "徇私",
    "权钱交易",
    "瞒报",
    "造假",
  ],
  contest: [
    "不服",
    "申诉",
    "复查",
    "复核",
    "不认可",
    "不公正",
    "不公平",
    "重新认定",
    "重新鉴定",
    "重新核定",
    "撤销",
    "纠正",
    "不合理",
    "有误",
    "错误",
    "推翻",
  ],
  decision: [
    "决定",
    "判决",
    "裁定",
    "处理意见",
    "答复意见",
    "答复",
    "认定",
    "鉴定",
    "结论",
    "处罚",
    "复查意见",
    "裁决",
    "处分",
    "批复",
    "评定",
    "核定",
    "结果",
    "意见书",
    "告知书",
    "通知书",
  ],
  propose: [
    "建议",
    "倡议",
    "呼吁",
    "希望",
    "能否",
    "可否",
    "是否可以",
    "增设",
    "增加",
    "完善",
    "改进",
    "优化",
    "规划一下",
    "考虑",
    "提个意见",
    "提意见",
    "献策",
  ],
  ask: [
    "询问",
    "该找谁",
    "找哪个",
    "哪个部门",
    "合理不",
    "请问",
    "咨询",
    "想问",
    "问一下",
    "问问",
    "打听",
    "了解一下",
    "需要什么",
    "怎么办理",
    "如何办理",
    "哪里办",
    "去哪",
    "能不能",
    "可不可以",
    "是否",
    "有没有",
    "怎么弄",
    "怎么办",
    "什么条件",
    "符合条件",
    "政策",
    "流程",
    "手续",
    "问下",
    "问一问",
    "想知道",
    "要带",
    "带什么",
    "啥材料",
    "什么材料",
    "哪些材料",
    "啥子资料",
    "咩资料",
    "点样",
    "咋个",
    "咋整",
    "得唔得",
    "可唔可以",
    "是不是",
    "该不该",
    "找谁",
    "在哪查",
    "能不能报",
  ],
  demand: [
    "请求",
    "要求",
    "恳请",
    "帮助",
    "帮忙",
    "解决",
    "督促",
    "尽快",
    "讨回",
    "赔偿",
    "退还",
    "退钱",
    "补偿",
    "给个说法",
    "做主",
    "追回",
    "支付",
    "发放",
    "落实",
    "维修",
    "处理",
  ],
  court: [
    "法院",
    "判决",
    "裁定",
    "起诉",
    "诉讼",
    "法院立案",
    "立案庭",
    "开庭",
    "再审",
    "仲裁",
    "检察院",
    "强制执行",
    "执行局",
    "申请执行",
    "终本",
    "终结本次",
    "被执行人",
    "一审",
    "二审",
    "上诉",
    "判了",
    "调解书",
    "裁决书",
    "胜诉",
    "败诉",
    "律师",
    "法官",
    "执行款",
    "执行案",
    "官司",
    "行政复议",
    "复议",
    "行政诉讼",
    "诉讼时效",
    "财产保全",
    "破产",
    "申报债权",
    "中院",
    "老赖",
    "失信",
  ],
  // Who holds public office, as citizens name them: the role, or "the man from" an office.
  officeHolder: [
    "法官",
    "执行法官",
    "辅警",
    "警察",
    "派出所",
    "执行局",
    "负责人",
    "厂长",
    "窗口",
    "经办人",
    "公务员",
    "村干部",
    "股长",
    "站所",
    "服务站",
    "经管站",
    "乡里的人",
    "镇上的人",
    "镇里的人",
    "局的人",
    "所的人",
    "站的人",
    "单位领导",
    "某局",
    "乡干部",
    "镇干部",
    "村上干部",
    "村里干部",
    "联络干部",
    "值班民警",
    "中队",
    "接待的",
    "包村",
    "网格长",
  ],
  // What an office-holder is accused of, in plain words: money taken, favours, relatives, cover-ups.
  graft: [
    "好处",
    "感谢费",
    "管理费",
    "辛苦费",
    "送钱",
    "送东西",
    "送礼",
    "烟酒",
    "收了",
    "拿了",
    "吃空饷",
    "空饷",
    "公车私用",
    "私用",
    "通风报信",
    "勾结",
    "勾着",
    "串通",
    "猫腻",
    "价码",
    "侵吞",
    "亲戚",
    "一起吃饭",
    "一起喝酒",
    "找人",
    "刁难",
    "不要多事",
    "调到",
    "不存在的人",
    "冒名",
    "替领",
    "多报",
    "虚报",
    "骗国家",
    "国家的钱",
    "挪去",
    "挪用",
    "压着不给",
    "有关系",
    "关系好",
    "贪污",
    "受贿",
    "截留",
    "包庇",
    "保护伞",
    "扣着",
    "钱哪来",
    "哪来的钱",
    "来路不明",
    "公车",
    "公务车",
    "领走",
    "拿走",
    "腰包",
    "据为己有",
  ],
  // A relative of the accused who benefits: favouring kin (优亲厚友) told without the word.
  kin: [
    "他娘",
    "他爹",
    "他妈",
    "他儿子",
    "他女儿",
    "他媳妇",
    "他老婆",
    "他侄子",
    "他弟",
    "他哥",
    "亲侄",
    "小舅子",
    "亲戚",
    "亲属",
    "他儿子的名义",
    "儿子的名义",
    "其子",
    "妹夫",
    "姐夫",
    "女婿",
    // Fifth round: relatives, moved here from the hint words (a cousin who borrowed money is no hint
    // of misconduct; an office-holder's cousin in the same clause is favouritism).
    "表弟",
    "亲家",
  ],
  // Public money or goods a misconduct takes from.
  publicMoney: [
    "补偿款",
    "补贴",
    "补助",
    "低保",
    "救灾",
    "扶贫",
    "国有资产",
    "集体资金",
    "集体的",
    "专项资金",
    "惠民",
    "公款",
    "公家",
    "劳务费",
    "资金",
  ],
  // The petitioner asks that someone be investigated or held to account (not that a thing be done).
  investigate: [
    "查一查",
    "查一下",
    "查查",
    "查下",
    "查清",
    "查明",
    "调查",
    "查处",
    "追责",
    "追究",
    "问责",
    "严肃处理",
    "依法处理",
    "依法打击",
    "打击",
    "侦查",
    "严惩",
    "惩处",
    "处理这个人",
    "处理此人",
    "管一管",
    "管管",
    "突击检查",
    "不能让他",
    "撤了他",
    "撤职",
    "核查",
    "查封",
    "制止",
    "责令",
    "取缔",
    "谁来管",
    "谁来监管",
    "谁负责",
    "有没有人管",
    "没人敢管",
    "来查",
    "去查",
  ],
  // What an office-holder did with the power of the office, in plain words: asked for money, meals or
  // gifts; held back or took what is due; let a relative in; refused to act or passed it around.
  officeAct: [
    "请吃饭",
    "不请吃饭",
    "吃顿饭",
    "两条烟",
    "条烟",
    "拿烟",
    "走动走动",
    "表示表示",
    "意思意思",
    "想快点",
    "辛苦费",
    "扣下",
    "一压就是",
    "不作为",
    "踢皮球",
    "推诿",
    "不给立案",
    "不立案",
    "不够立案",
    "不予登记",
    "连登记都",
    "不受理",
    "不到岗",
    "打牌",
    "看手机",
    "以他儿子",
    "租给他",
    "关系密切",
    "选择性执法",
    "乱罚",
    "骗钱",
    "以权",
  ],
  // A wrong told by anyone (a shop, a company, an official): what the writer wants punished.
  wrong: [
    "骗",
    "非法",
    "违法",
    "偷偷",
    "偷排",
    "暗管",
    "过期",
    "打人",
    "打骂",
    "强拆",
    "伪造",
    "篡改",
    "虚假",
    "拉票",
    "贿选",
    "违规",
    "恶意",
    "欺负",
    "无证",
    "没有证",
    "越界",
    "集资",
    "揽储",
    "误导",
    "黑烟",
    "强制",
    "造假",
    "犯法",
    "窝点",
    "传销",
    "有人",
    "私挖",
    "私自",
    "乱收费",
    "冒领",
    "虐待",
    "殴打",
    "打砸",
    "赌",
    "高利贷",
    "假酒",
    "假货",
    "超载",
    "黑车",
    "直排",
    "偷着",
    "填埋",
    "砍伐",
    "回扣",
    "挂名",
    "不认账",
    "报复",
  ],
  // A private party accused: the matter is a dispute or a market complaint, not an official's misconduct.
  privateParty: [
    "老板",
    "公司",
    "商家",
    "店里",
    "物业",
    "业委会",
    "开发商",
    "包工头",
    "厂家",
    "超市",
    "饭店",
    "个体",
    "煤窑",
    "殡仪馆",
    "养老院",
    "会所",
    "合作社",
    "银行",
    "平台",
    "群主",
    "采砂",
    "供货商",
    "包子铺",
    "加工厂",
  ],
  // A debt between private people: a court's matter (民间借贷), not a department's.
  // Fourth round (the sixth writer's anonymous letters): a writer who hides their name for fear of
  // the person they write about — 我不署名了, 不敢写名字, 怕被报复, 知情人.
  caution: [
    "不署名",
    "不敢署名",
    "不方便署名",
    "写名字",
    "留名",
    "不具名",
    "不敢实名",
    "不方便露面",
    "不方便说",
    "说我是谁",
    "说是谁",
    "怕被报复",
    "打击报复",
    "怕被针对",
    "知情人",
    "知道内情",
    "匿名",
    "没人敢说",
    "敢怒不敢言",
    "不敢出头",
    "不愿出头",
  ],
  // Misconduct hinted rather than named: 你懂的, 有猫腻, 打了招呼, 托关系, 走动, 放水, 一个圈子.
  hint: [
    "你懂的",
    "懂的都懂",
    "心里都有数",
    "心里有数",
    "猫腻",
    "打招呼",
    "打了招呼",
    "托关系",
    "走关系",
    "关系车",
    "有门路",
    "门路",
    "走动",
    "意思意思",
    "“意思”",
    "放水",
    "塞口袋",
    "拎着东西",
    "提前知道",
    "一个圈子",
    "称兄道弟",
    "穿一条裤子",
    "暗访",
    "银行流水",
    "招待费",
    "礼金",
    "八项规定",
    "吃吃喝喝",
    "大操大办",
    "一把手",
    "公家人",
    "分管",
    "当讲不当讲",
  ],
  // A practical question, as a shop owner or a young person asks it: 能要双倍工资吗, 靠谱不, 合法吗.
  askPlain: [
    "靠谱不",
    "合法吗",
    "能退吗",
    "能起诉吗",
    "能告吗",
    "还能不能",
    "要不要",
    "指点",
    "排到第几",
    "等多久",
    "怎么能要回来",
    "咋批的",
    "能算不能算",
    "算不算",
    "不是要告",
    "不是告",
    "怎么算",
  ],
  // Fifth round: a writer who says they do not want to go to court and asks for mediation
  // (不想打官司伤和气，请村里调解): four of four such petitions, by four writers, stay in the petition
  // route. Before, 官司 alone leaned them towards the legal channel.
  avoidCourt: [
    "不想打官司",
    "不愿打官司",
    "不愿意打官司",
    "不想起诉",
    "不愿起诉",
    "不想上法院",
    "不想闹到法院",
    "不想对簿公堂",
    "不想走法律程序",
  ],
  // Fifth round: a crime or a wrong reported to the police or an inspectorate (报案, 报警, 不予立案):
  // 立案 there is the police's, not a court's. In the training part 1 of 20 petitions with 报案,
  // 不予立案 or 派出所…立案 is labelled for the legal channel, 1 of 32 with 报警, 5 of 31 with 立案
  // (a court word before).
  policeCase: ["报案", "报警", "立案", "不予立案", "不立案", "刑事立案"],
  loan: ["借条", "欠条", "借钱", "借款", "借给", "担保", "利息", "借了", "抵债"],
  // A decision of an administrative body that the law lets one contest by 复议 or 诉讼.
  adminDecision: ["处罚决定", "行政处罚", "拘留", "罚款", "征收决定", "工伤认定", "处理决定", "认定", "不予"],
} as const;

export type CueGroup = keyof typeof CUE_WORDS;

export interface CueHits {
  /** Feature names (`q:…`) for the models. */
  features: string[];
  /** Words that fired, by group, for the reasons. */
  hits: Record<CueGroup, string[]>;
}

const GROUPS = Object.keys(CUE_WORDS) as CueGroup[];

/** A unit of government named as a subject: 县规划局的, 乡里的, 镇上, 某站所. */
const OFFICE_UNIT =
  /(?:县|乡|镇|区)[^\s，。、！？]{0,6}(?:局|股|站|所|办|中心|政府)|乡里|镇上|镇里|[局股站所]的人/u;
/** An office-holder named by what they are in charge of: 管林业的干部, 负责这块的工作人员, 管这事的人. */
const IN_CHARGE =
  /(?:负责|管)[^\s，。、！？]{0,8}的(?:一位|一名|那个|这个)?(?:干部|人|工作人员|同志|领导)|(?:乡|镇|村|县)(?:里|上)?(?:一|有)?个?(?:干部|工作人员)/u;
/** Money asked for doing the job: 拿五千, 拿八千块钱给他, 不给钱就不办, 不请…不好办. */
const PAY_TO_GET =
  /拿[0-9一二三四五六七八九十百千万两]+(?:块|元|千|万)|不(?:请|给|送)[^，。！？\s]{0,6}(?:不好办|不给办|不办|不批)|(?:给|送)(?:了)?他[0-9一二三四五六七八九十百千万两]+/u;
/** Someone to be investigated, named as a person: 这个人, 该干部, 这名民警, 此人. */
const PERSON_TO_CHECK = /(?:这个|那个|该|这名|此)(?:人|干部|民警|负责人|工作人员|领导)|此人/u;
/** A role of a private body (业委会主任, 公司经理): not a public office. */
const PRIVATE_ROLE =
  /(业委会|物业|公司|厂里|店里|超市|商场|开发商|合作社)(的?)(主任|经理|负责人|领导|书记|会计|老板)/gu;

/**
 * Eighth round: the legal step as what the writer did, was told or must do — 告知可申请仲裁, 建议去法院起诉,
 * 只能起诉, 我已经起诉了 — not a court word anywhere in the letter. Not after 不/没/别 (不可以起诉, 我没起诉).
 * On the eleven writers' petitions (a–k): 109 labelled for the legal channel, 34 not.
 */
const COURT_STEP =
  /(?<![不没别])(?:告知|建议|引导|指导|可以|可|应当|应该|需要|只能|依法|准备|打算|要去|想去)[^。；！？!?\n不没别]{0,12}(?:申请仲裁|仲裁|起诉|提起诉讼|诉讼|复议|向法院|到法院|去法院|法院告|打官司)|(?:已经|已|去年|今年|我们|我)[^。；！？!?\n不没别]{0,6}(?:起诉|申请了?仲裁|申请了?复议|申请了?执行|打了?官司)/u;
/**
 * Eighth round: a petition office's answer contested (不服…答复, 对处理意见不服): the petition route's
 * own review (复查, 复核), not a court's. On a–k: 1 labelled for the legal channel, 49 not.
 */
const PETITION_REPLY =
  /不服[^。；！？!?\n]{0,20}(?:答复|处理意见|复查意见|意见书)|(?:答复|处理意见|复查意见|意见书)[^。；！？!?\n]{0,12}不服/u;

/** The cues of a text; the title (the first line) counts on its own as well, as writers put the gist there. */
export function cues(input: string): CueHits {
  // A private body's role is not an official: 业委会主任 does not make a matter for the discipline commission.
  const text = input.replace(
    PRIVATE_ROLE,
    (_m, body: string, de: string, role: string) => `${body}${de}${role.slice(0, 1)}·${role.slice(1)}`,
  );
  // The gist: the title and the first words of the body.
  const nl = text.indexOf("\n");
  const head = nl < 0 ? text.slice(0, 30) : `${text.slice(0, nl)} ${text.slice(nl + 1, nl + 31)}`;
  const hits = Object.fromEntries(
    GROUPS.map((g) => [g, CUE_WORDS[g].filter((w) => text.includes(w))]),
  ) as Record<CueGroup, string[]>;
  const f = new Set<string>();
  for (const g of GROUPS) {
    const n = hits[g].length;
    if (n > 0) f.add(`q:${g}`);
    if (n > 1) f.add(`q:${g}2`);
    if (n > 3) f.add(`q:${g}4`);
    if (CUE_WORDS[g].some((w) => head.includes(w))) f.add(`q:head_${g}`);
    for (const w of hits[g]) f.add(`q:${g}=${w}`);
  }
  const has = (g: CueGroup) => hits[g].length > 0;
  if (has("accuse") && has("official")) f.add("q:accuse+official");
  if (has("accuse") && has("misconduct")) f.add("q:accuse+misconduct");
  if (has("official") && has("misconduct")) f.add("q:official+misconduct");
  if (has("accuse") && has("official") && has("misconduct")) f.add("q:accuse+official+misconduct");
  const inCharge = IN_CHARGE.test(text);
  if (inCharge) f.add("q:in_charge");
  const office = has("official") || has("officeHolder") || OFFICE_UNIT.test(text) || inCharge;
  const person = PERSON_TO_CHECK.test(text);
  if (person) f.add("q:person");
  // Asking that someone be investigated for a wrong (an accusation), not that something be done.
  if (has("investigate") && has("wrong")) f.add("q:investigate+wrong");
  if (has("investigate") && person) f.add("q:investigate+person");
  if (has("investigate") && office) f.add("q:investigate+office");
  const act = has("officeAct") || PAY_TO_GET.test(text);
  if (PAY_TO_GET.test(text)) f.add("q:pay_to_get");
  if (office && act) f.add("q:office+officeAct");
  if (office && act && has("investigate")) f.add("q:office+officeAct+investigate");
  if (has("investigate") && !has("privateParty") && office && person) f.add("q:investigate_office_person");
  if (OFFICE_UNIT.test(text)) f.add("q:office_unit");
  if (office && has("graft")) f.add("q:office+graft");
  if (office && has("publicMoney")) f.add("q:office+publicMoney");
  if (has("graft") && has("publicMoney")) f.add("q:graft+publicMoney");
  if (has("privateParty") && !office) f.add("q:private_only");
  if (has("loan") && !has("privateParty")) f.add("q:loan_private");
  // Not wanting a court, or a police matter without a court word: not the legal channel by itself.
  if (has("avoidCourt")) f.add("q:avoid_court");
  if (has("policeCase") && !hits.court.some((w) => w !== "官司")) f.add("q:police_only");
  if (has("contest") && has("adminDecision")) f.add("q:contest+adminDecision");
  if (COURT_STEP.test(text)) f.add("q:court_step");
  if (PETITION_REPLY.test(text)) f.add("q:petition_reply");
  if (has("adminDecision") && has("court")) f.add("q:adminDecision+court");
  // Who did what in one clause: an office-holder and a misconduct in the same sentence.
  for (const clause of text.split(/[。！？!?；;\n]/)) {
    const inClause = (g: CueGroup) => CUE_WORDS[g].some((w) => clause.includes(w));
    const off =
      inClause("official") || inClause("officeHolder") || OFFICE_UNIT.test(clause) || IN_CHARGE.test(clause);
    if (off && (inClause("officeAct") || PAY_TO_GET.test(clause))) f.add("q:clause_office+act");
    if (off && inClause("kin")) f.add("q:clause_office+kin");
    if (off && (inClause("graft") || inClause("misconduct"))) f.add("q:clause_office+graft");
    if (off && inClause("publicMoney")) f.add("q:clause_office+publicMoney");
    if (inClause("privateParty") && (inClause("graft") || inClause("misconduct")))
      f.add("q:clause_private+graft");
  }
  // Fourth round: a hidden name or a hinted misconduct, with an office-holder.
  if (has("caution") && office) f.add("q:caution+office");
  if (has("hint") && office) f.add("q:hint+office");
  if (has("caution") && has("hint")) f.add("q:caution+hint");
  const someAct = has("graft") || has("officeAct") || has("misconduct") || has("kin") || act;
  if (has("caution") && someAct) f.add("q:caution+act");
  // An office-holder, a misconduct hinted or an act, and the writer's fear or the hint: the shape of
  // an anonymous accusation of an official, whatever its words.
  if (office && ((has("caution") && (someAct || has("hint"))) || (has("hint") && someAct)))
    f.add("q:hidden_misconduct");
  // A yes-or-no question about what one may do: 能要双倍工资吗, 能不能网上办, 还能不能再告.
  if (/(?:能|可以|可不可以|会不会|该不该)[^，。！？!?\s]{0,12}[吗么][？?]?/u.test(text))
    f.add("q:can_question");
  if (has("askPlain") && !has("accuse")) f.add("q:ask_plain");
  if (has("contest") && has("decision")) f.add("q:contest+decision");
  if (has("contest") && has("court")) f.add("q:contest+court");
  if (has("propose") && !has("demand")) f.add("q:propose_only");
  if (has("ask") && !has("demand")) f.add("q:ask_only");
  // Spoken questions: 能报不, 管不管, 是不是, 咋办 — the dialect's way of asking.
  if (/[能会可要管行给算让办报][^，。！？!?\s]{0,8}不(?=[\s，。？?！!]|$)/.test(text))
    f.add("q:tail_bu_question");
  if (/(.)不\1/u.test(text)) f.add("q:a_not_a");
  if (/[咋怎][么样办弄]?|如何|啥时候|什么时候|多少钱|哪[里儿个]/.test(text)) f.add("q:wh_word");
  if (has("ask") && hits.ask.length >= hits.demand.length) f.add("q:ask_over_demand");
  const questions = (text.match(/[?？吗呢]/g) ?? []).length;
  if (/(?:想|我)问|请问|咨询|问一?下/u.test(text) && questions > 0) f.add("q:ask_verb+question");
  if (questions > 0) f.add("q:question");
  if (questions > 2) f.add("q:questions3");
  if (/[?？]\s*$/.test(text.trim())) f.add("q:ends_question");
  const len = Array.from(text).length;
  f.add(len < 80 ? "q:len_short" : len < 300 ? "q:len_mid" : "q:len_long");
  f.add("q:bias");
  return { features: [...f].sort(), hits };
}
