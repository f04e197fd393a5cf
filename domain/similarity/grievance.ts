/**
 * What a petition asks for and what harm it is about (诉求 and 损害): the grievance kinds a clerk
 * compares when the same person writes again about the same employer, village or road. Wages and
 * then a work injury at the same factory are two matters; a village's compensation money and then
 * its election are two matters; the same demand with another sum, date or name, or with one more
 * demand added, is the same matter.
 *
 * A small typed lexicon, read from each text. Rules for the words:
 * - only the demand and the harm, never the way the first answer was handled (推诿, 不管, 没人理):
 *   a follow-up that only complains that nothing happened names no kind and decides nothing;
 * - each kind takes the words either side uses for it (a petitioner's 工钱, a clerk's 劳动报酬), and
 *   a word that may belong to two kinds is in both (医药费: an injury at work or a hospital bill),
 *   so a follow-up in other words still shares a kind with its first letter;
 * - not the words of the setting (改制, 承包地, 医保局, 老板): they are there in every matter of
 *   their place.
 */

/** The kinds, grouped as a clerk would file them; the ids are stable, the words can grow. */
export const GRIEVANCE_KINDS = {
  // Work
  wages: "(?<!双倍)工资|工钱|欠薪|讨薪|薪水|薪资|薪酬|劳务费|劳动报酬|血汗钱|绩效|工程款",
  project_payment: "工程款|工程尾款|工程欠款|工程费|材料款|机械费|租赁费|结算款|装修款|分包款|尾款",
  work_injury:
    "工伤|工亡|截肢|[砸摔轧烫压碰割切挤绞撞刮炸]伤|受伤|受了伤|伤残|致残|骨折|伤情|医药费|医疗费|治疗费|误工费",
  dismissal:
    "辞退|开除|解除(?:劳动)?(?:合同|关系)|解聘|裁员|被裁|不让(?:我)?(?:干|上班)|不用来了|经济补偿|补偿",
  labour_contract: "(?:不|没|未)签(?:订)?(?:劳动)?合同|签(?:订)?劳动合同|双倍工资|试用期",
  overtime: "加班|超时|休息日|休假|年假",
  insurance_contribution:
    "社保(?!证明|卡)|社会保险|五险|参保|断缴|补缴|重复(?:缴|交)|(?:缴|交)(?:纳)?(?:了)?(?:的)?(?:养老|医疗|失业|工伤)?保险|(?:养老|医疗|失业)保险费|缴费年限|新农合|居民医保|个人缴费|保费",
  pension: "养老金|退休金|退休工资|退休待遇|养老待遇|办(?:理)?退休|退休手续|工龄|视同缴费|内退|提前退休",
  staff_placement: "下岗|买断|身份置换|安置费|职工安置|分流",
  // Health and social insurance
  medical_benefit: "报销|慢特病|慢性病|慢病|特殊门诊|门诊|大病|住院费|医药费|医疗费|异地就医|起付线|新农合",
  medical_dispute:
    "误诊|漏诊|医疗事故|医疗纠纷|医疗损害|治死|过度医疗|医药费|医疗费|B超|没查出|漏查|拔错|医疗过错|治坏|手术|打针|注射|输液",
  vaccine: "疫苗|接种|打针",
  stray_animals: "流浪狗|野狗|狗咬|犬|咬人|疯狗|流浪猫",
  // Land, houses and the village
  land_compensation:
    "征地|占地|征(?:了|用)?(?:我家)?[^，。！？,]{0,6}地|占(?:了|用)?(?:我家)?[^，。！？,]{0,6}地|毁(?:了)?[^，。！？,]{0,6}地|挖(?:了)?[^，。！？,]{0,6}地|地被[^，。！？,]{0,8}占|(?<!经济)补偿|青苗|地上附着物|临时用地",
  land_allocation: "分(?:到)?(?:的)?(?:承包)?地|调地|确权|承包经营权|土地证|林权|宅基地证",
  demolition: "拆迁|征收|拆房|强拆|安置房|回迁|还建|过渡费|补偿|评估价|重新评估|评估报告|评估机构|评估公司",
  homestead_boundary: "宅基地|地界|边界|院墙|界墙|山墙|地基|占(?:了)?(?:我家)?(?:的)?(?:宅|院|房)|翻盖|盖房",
  passage: "过道|通道|出路|堵(?:死|住|了)|挡住|不让走|出不去|进不来|堵路|封路|垒死|砌死",
  water_discharge: "排水|下水|脏水|污水|废水|排污|偷排|直排|臭水|渗水|积水|淹",
  village_election: "选举|选票|换届|贿选|拉票|投票|候选人|当选|竞选|参选",
  village_accounts:
    "账目|查账|村账|村务公开|财务公开|集体收入|集体资金|集体资产|卖地|租金|承包费|分红|集体林地|集体土地|卖了多少钱",
  // Allowances, each its own matter (低保 withdrawn, then a request for temporary aid); the bare
  // 补贴/补助/救助 names only the family (see FAMILIES).
  subsidy: "补贴|补助|救助|补助金|救济",
  minimum_living: "低保(?!户)|最低生活保障|五保(?!户)|特困(?!户)|分类施保",
  temporary_aid: "临时救助|医疗救助|受灾救助|救急|大病救助|救灾物资|救灾款|救灾",
  disability_allowance: "残疾人?(?:两项)?补贴|护理补贴|残疾补",
  elderly_allowance: "高龄补贴|高龄津贴|老年人?补贴|养老补贴",
  farm_subsidy: "粮补|种粮|耕地地力|农机补贴|惠农|良种补贴|退耕|生态公益林|草原补",
  poverty_relief: "扶贫款|扶贫资金|扶贫项目|帮扶资金|防返贫|脱贫(?!户)",
  housing_aid: "危改|危房改造|农房改造",
  veterans_benefit: "抚恤|优待|优抚|定期补助|生活补助",
  // Houses and estates
  elevator: "电梯",
  maintenance_fund: "维修资金|维修基金|专项维修",
  unfinished_housing: "烂尾|交房|延期交付|逾期交付|预售资金",
  parking: "停车|车位|车库",
  charges:
    "收费|乱收|多收|退费|自动续费|涨价|加价|物业费|公摊|停车费|管理费|服务费|年费|扣费|扣钱|手续费|水费|电费|燃气费|暖气费|取暖费|水表|电表|跳字|抄表|价格|标价|资料费|补课费|择校费|罚款|摊位费|住宿费|住校费|价签|明码标价",
  fire_safety: "消防|火灾|着火|灭火器",
  housing_quality: "漏水|渗水|漏雨|防水|报修|开裂|裂缝|墙皮|空鼓|质量问题|返修|维修基金|保修",
  daylight: "采光|挡光|日照|遮挡|挡住阳光|晒不到",
  water_supply: "停水|断水|水压|没水|吃水|饮水|通水|自来水|供水|水质|水管|拉水",
  power_supply: "停电|断电|没电|电压|通电|变压器|供电|电线|线路老化",
  heating_gas: "供暖|暖气|燃气|天然气|煤气|取暖",
  property_certificate: "房产证|不动产证|不动产权证|产权证|办证|过户|网签|房本",
  // Environment
  livestock: "养殖场|养鸡|养猪|养牛|养羊|养鸭|猪场|鸡场|牛场|羊场|鸭场|猪圈|鸡舍|牛棚|羊圈|粪|苍蝇",
  smoke_dust: "冒(?:黑|黄|白|浓)?烟|黑烟|浓烟|异味|焦糊|刺鼻|烟尘|粉尘|扬尘|灰尘|废气|烧垃圾|焚烧|呛|烟囱",
  noise_music: "广场舞|音响|喇叭|唱歌|歌厅|KTV|酒吧|烧烤|夜市",
  noise_works: "打桩|夜间施工|施工噪|机器声|轰鸣|轰隆|切割|搅拌|开机器|机器响|响到天亮|砸墙|电钻|楼上装修",
  ecology: "砍树|伐木|毁林|采砂|挖沙|河道|捕鱼|电鱼|非法采|取土|采沙|偷采|盗采",
  // Roads and transport
  road_surface: "路面|路基|坑洼|大坑|压坏|压烂|烂路|泥路|修路|硬化|翻修|塌陷|桥梁|桥面|危桥|便桥|修桥",
  street_lights: "路灯",
  bus_service: "班车|公交|客车|班次|线路|停运|车次|校车",
  taxi: "出租车|出租汽车|打表|宰客|网约车|黑车|拒载",
  // Money
  private_loan: "借款|借钱|借了|套路贷|催收|欠钱|还钱|欠条|借条|借据|利息|担保|本金",
  illegal_funding:
    "集资|入股|认购|理财|高息|返利|投资款|投资理财|投资公司|分红|本金|每月返|年化|高回报|被骗|诈骗|骗局",
  bank_loan: "贷款|车贷|房贷|信用社贷|放款|还贷|断供|月供|利息",
  tied_sale: "搭售|捆绑|强制购买|强制(?:买|办)|不买不|必须买",
  card_fraud: "盗刷|被刷|冒领|取不出|存款|被骗|诈骗|骗走|刷我|吞卡|卡被吞|取款机",
  // Shops and food
  // What was bought, and the money back: a prepaid card is bought too.
  consumer_goods:
    "假冒|假货|质量问题|退货|退款|退费|不退|换货|三包|售后|预付卡|办卡|充值|会员卡|储值|欺诈|虚假宣传|农资|假化肥|假种子|假农药|不达标|不制热|不制冷|翻新机|退一赔三|卡里还有|余额|被骗|骗局",
  food_safety: "过期|变质|发霉|食品安全|吃坏|拉肚子|中毒|异物|无证经营|地沟油|馊|饭菜",
  // School
  enrolment: "入学|招生|学位|划片|转学|借读|上不了学|插班|就近上学|上学难|上学问题|随迁子女|不接收",
  teacher_conduct: "体罚|打学生|打孩子|辱骂|欺凌|霸凌|有偿补课",
  // Order and the law
  household_registration: "落户|迁户|户口迁|上户口|户口本|户籍登记|出生证",
  public_order:
    "拘留|治安处罚|推搡|打架|打人|殴打|赌博|偷盗|被盗|偷了|小偷|威胁|恐吓|报警|打伤|被打|[砸摔轧烫压碰割切挤绞撞刮炸]伤|受伤|受了伤|伤残|致残|骨折|伤情|医药费|医疗费|治疗费|误工费",
  court_enforcement:
    "强制执行|申请执行|执行款|执行局|执行庭|执行法官|不执行|拒不履行|拒不执行|执行不了|执行难|执行不到|(?:没|未)执行到|(?:东西|财产)可执行",
  corruption: "贪污|受贿|挪用|侵占|吃空饷|优亲厚友|截留|虚报|冒领|好处费|私分|辛苦费|跑路费|回扣",
  // Disasters and mines
  disaster_damage:
    "危房|滑坡|塌方|洪水|冲毁|倒塌|地质灾害|地灾|山体|泥石流|水毁|监测点|地灾监测|避险|隐患点|安置点|救灾",
  mining_subsidence: "塌陷|沉陷|下沉|裂缝|开裂|采空",
  relocation: "搬迁|移民|异地安置|安置点|易地",
  burial: "丧葬|殡葬|火化|公墓|墓地|坟|骨灰|丧葬费",
  blasting: "放炮|爆破|炸石|震感|震得|震裂|震动",
  crop_damage: "打药|喷药|除草剂|药害|农药飘",
  recruitment: "招聘|考试|笔试|面试|政审|录用|招考",
  professional_title: "职称|评优|评先",
  traffic_safety: "红绿灯|信号灯|斑马线|绿灯|减速带",
  insurance_claim: "理赔|不赔|拒赔|赔付|保险公司|农业保险",
  seizure: "扣车|暂扣|扣押|没收|罚款",
  building_facilities: "扶手|楼道|楼梯|单元门|门禁",
  maternity: "生育津贴|生育保险|产假",
  member_rights: "出嫁女|出嫁的?(?:闺女|女儿)|集体经济组织成员|成员资格|户口|户籍",
  irrigation: "机井|水井|灌溉|水渠|浇地|浇不上",
} as const satisfies Record<string, string>;

export type GrievanceKind = keyof typeof GRIEVANCE_KINDS;

/**
 * A word that names only the family (补贴, 补助) agrees with every kind of it: "那个补助还没发"
 * may follow a letter about 低保 or about the disability allowance. In a text that names a kind
 * of the family (护理补贴), the family word is that kind's and counts no more.
 */
const FAMILIES: Partial<Record<GrievanceKind, readonly GrievanceKind[]>> = {
  subsidy: [
    "minimum_living",
    "temporary_aid",
    "disability_allowance",
    "elderly_allowance",
    "farm_subsidy",
    "poverty_relief",
    "housing_aid",
    "veterans_benefit",
  ],
};

/**
 * How the words are found, fast enough to read every candidate alike enough to be one matter:
 * the plain words (most of them) in one walk of a character tree over the text; each word with a
 * pattern (工资 not after 双倍, [砸摔…]伤) by its regular expression, tried only when the text holds
 * the plain characters the pattern cannot match without (its anchor).
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** The kinds a word ending here names, each unless it stands after or before given words. */
  kinds: { kind: GrievanceKind; notAfter: readonly string[]; notBefore: readonly string[] }[];
}
interface PatternWord {
  kind: GrievanceKind;
  anchor: string;
  re: RegExp;
}

const META = /[()[\]{}?*+|\\.^$]/;

/** The top-level alternatives of a kind's words. */
export function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** The longest run of plain characters every match of a pattern contains ("" if none). */
export function anchorOf(pattern: string): string {
  const runs: string[] = [];
  let run = "";
  const end = () => {
    if (run) runs.push(run);
    run = "";
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "(" || c === "[") {
      end();
      const close = c === "(" ? ")" : "]";
      let depth = 1;
      while (depth > 0 && ++i < pattern.length) {
        if (pattern[i] === "\\") i++;
        else if (pattern[i] === c) depth++;
        else if (pattern[i] === close) depth--;
      }
    } else if (c === "?" || c === "*" || c === "+") end();
    else if (c === "{") {
      end();
      while (i < pattern.length && pattern[i] !== "}") i++;
    } else if (c === "\\" || META.test(c)) {
      end();
      i++;
    } else {
      const q = pattern[i + 1];
      if (q === "?" || q === "*" || q === "{") end();
      else run += c;
    }
  }
  end();
  return runs.reduce((a, b) => (b.length > a.length ? b : a), "");
}

const ROOT: TrieNode = { next: new Map(), kinds: [] };
/** 1 for a UTF-16 unit some word begins with. */
const FIRST = new Uint8Array(0x10000);
const PATTERN_WORDS: PatternWord[] = [];
/** 工资 not after 双倍 ((?<!双倍)工资), 低保 not before 户 (低保(?!户)): a plain word with guards. */
const GUARDED =
  /^(?:\(\?<!([^()[\]{}?*+|\\.^$]+)\))?([^()[\]{}?*+|\\.^$]+)(?:\(\?!([^()[\]{}?*+\\.^$]+)\))?$/u;

function addWord(word: string, kind: GrievanceKind, notAfter: string[], notBefore: string[]) {
  let node = ROOT;
  FIRST[word.charCodeAt(0)] = 1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let next = node.next.get(c);
    if (!next) {
      next = { next: new Map(), kinds: [] };
      node.next.set(c, next);
    }
    node = next;
  }
  node.kinds.push({ kind, notAfter, notBefore });
}

for (const [kind, words] of Object.entries(GRIEVANCE_KINDS) as [GrievanceKind, string][]) {
  for (const word of alternatives(words)) {
    const guarded = GUARDED.exec(word);
    if (guarded) {
      addWord(guarded[2]!, kind, guarded[1] ? [guarded[1]] : [], guarded[3] ? guarded[3].split("|") : []);
    } else {
      const anchor = anchorOf(word);
      if (!anchor) throw new Error(`grievance word without plain characters to find it by: ${word}`);
      PATTERN_WORDS.push({ kind, anchor, re: new RegExp(word, "u") });
    }
  }
}

/**
 * Traditional characters a writer may use for the lexicon's words (資→资, 傷→伤 …), read as the
 * simplified ones; only for finding kinds, never for display.
 */
const TRADITIONAL =
  "資资傷伤補补償偿險险醫医費费車车電电燈灯選选舉举貸贷養养錢钱遷迁煙烟學学戶户執执賭赌騙骗糞粪蠅蝇塵尘廢废廣广響响燒烧廠厂" +
  "墻墙牆墙圍围開开邊边線线營营業业貨货買买賣卖價价務务帳账賬账員员給给鄰邻積积過过門门層层樓楼證证產产權权額额違违規规銀银" +
  "債债條条據据盜盗竊窃罰罚擾扰壞坏處处療疗殘残護护藥药灣湾塊块勞劳結结漲涨蓋盖壓压擋挡陽阳熱热氣气網网約约優优撫抚欄栏場场" +
  "辭辞決决訴诉徵征災灾墳坟訟讼";

const TRAD_MAP = new Map<string, string>();
{
  const cs = Array.from(TRADITIONAL);
  for (let i = 0; i + 1 < cs.length; i += 2) TRAD_MAP.set(cs[i]!, cs[i + 1]!);
}
/** 1 for a traditional character of the map (all of them are single UTF-16 units). */
const TRAD = new Uint8Array(0x10000);
for (const ch of TRAD_MAP.keys()) TRAD[ch.charCodeAt(0)] = 1;

/** Full-width forms folded; the few traditional characters, only in a text that has them. */
function simplify(text: string): string {
  const t = text.normalize("NFKC");
  let i = 0;
  while (i < t.length && TRAD[t.charCodeAt(i)] === 0) i++;
  if (i === t.length) return t;
  let out = t.slice(0, i);
  for (; i < t.length; i++) out += TRAD[t.charCodeAt(i)] === 1 ? TRAD_MAP.get(t[i]!)! : t[i];
  return out;
}

/** The grievance kinds a text names (empty: a vague text, 还是那件事, 请再催一下). */
export function grievanceKinds(text: string): Set<GrievanceKind> {
  const t = simplify(text);
  const out = new Set<GrievanceKind>();
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // Most characters begin no word: one array read instead of a map lookup.
    if (FIRST[c] === 0) continue;
    let node = ROOT.next.get(c);
    for (let j = i + 1; node; j++) {
      for (const k of node.kinds)
        if (
          !k.notAfter.some((w) => i >= w.length && t.startsWith(w, i - w.length)) &&
          !k.notBefore.some((w) => t.startsWith(w, j))
        )
          out.add(k.kind);
      node = j < t.length ? node.next.get(t.charCodeAt(j)) : undefined;
    }
  }
  for (const w of PATTERN_WORDS)
    if (!out.has(w.kind) && t.includes(w.anchor) && w.re.test(t)) out.add(w.kind);
  for (const [family, members] of FAMILY_LIST)
    if (out.has(family) && members.some((m) => out.has(m))) out.delete(family);
  return out;
}

const FAMILY_LIST = Object.entries(FAMILIES) as [GrievanceKind, readonly GrievanceKind[]][];

/** The family a kind belongs to, if any. */
const FAMILY_OF = new Map<GrievanceKind, GrievanceKind>(
  Object.entries(FAMILIES).flatMap(([family, members]) =>
    members.map((m) => [m, family as GrievanceKind] as const),
  ),
);

function agrees(k: GrievanceKind, other: ReadonlySet<GrievanceKind>): boolean {
  if (other.has(k)) return true;
  // A family word on one side agrees with any kind of the family on the other.
  const family = FAMILY_OF.get(k);
  if (family && other.has(family)) return true;
  const members = FAMILIES[k];
  return !!members && members.some((m) => other.has(m));
}

/**
 * `shared`: both texts name a kind in common (the same demand, perhaps with more added);
 * `disjoint`: both name kinds and none in common (another demand or harm, whatever else they
 * share); `unknown`: one of the two names none (a vague follow-up decides nothing here).
 */
export type GrievanceRelation = "shared" | "disjoint" | "unknown";

export function grievanceRelation(
  a: ReadonlySet<GrievanceKind>,
  b: ReadonlySet<GrievanceKind>,
): GrievanceRelation {
  if (a.size === 0 || b.size === 0) return "unknown";
  for (const k of a) if (agrees(k, b)) return "shared";
  return "disjoint";
}
