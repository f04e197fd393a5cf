/**
 * Names a clerk reads as names although the company and place patterns miss them (issue #18,
 * fourth round):
 *
 * - **a name in quotes** (“好运来酒店”, 「翡翠城」, "金嗓子KTV") is the name of a shop, company,
 *   estate or project, with or without 公司: compared as a name — one core inside the other, or
 *   alike but for a character or two (a homophone, an OCR slip: 金嗓子 / 金桑子), is the same;
 *   clearly different names are two. A quoted saying (说“已责令限期拆除”, “不服从管理”) is no name:
 *   a name ends in a word of its kind (店, 超市, 小区, KTV …);
 * - **a road by its ends** (石门至贾家湾公路) and **by one end** (贾家湾那条乡道) is one road;
 * - **the other party by surname** (借给刘某 / 借给周某): two different people owe or wronged;
 * - **a reference number** (工单编号GD2026…, 受理编号XF…): the same number cited twice is the same
 *   matter; two numbers decide nothing (a second hotline call gets its own number).
 */

/** The words a quoted name of a shop, company, estate or project ends in. */
const NAME_END =
  /(?:有限公司|公司|集团|厂|店|超市|商场|商城|商行|商贸|酒店|宾馆|饭店|饭庄|酒家|酒楼|餐厅|KTV|会所|网吧|浴池|车行|中介|物流|快递|驾校|小区|花园|家园|新城|城|苑|园|府|庭|湾|广场|大厦|公寓|学校|小学|中学|幼儿园|学院|培训|医院|诊所|卫生院|药房|药店|合作社|农场|养殖场|场|矿|工程|项目|公路|大桥|桥|市场|中心|馆|社|坊|楼|所)$/iu;
/** What a quoted name's kind of business and its place say: not which one it is. */
const NAME_TRADE =
  /(?:有限公司|公司|集团|中心|养老|公寓|量贩|连锁|销售|服务|汽车|商贸|商行|餐饮|娱乐|文化|传媒|健身|美容|美发|石料|加工|食品|建材|建筑|工程|物流|快递|劳务|中介|科技|实业|房地产|置业|物业|KTV)$/iu;
const NAME_PLACE = /^(?:示范县|县城|城关镇|城关)/u;
/**
 * A quote after these is someone's words, not a name; after 改名叫, a company's new name (the
 * same company under another sign, never another one).
 */
const SAID_BEFORE =
  /(?:说|称|讲|答复|回复|告知|理由是|以|写着|认为|问|改名|改名叫|改名为|更名|更名为|改叫|改成|换成|换名)[：:，,]?\s*$/u;
const QUOTED = /[“「『"]([^”」』"\n]{2,16})[”」』"]/gu;

/** Cores already worked out: a candidate's names meet every draft of a check (a few thousand). */
const cores = new Map<string, string>();

/** 金嗓子量贩KTV → 金嗓子; 通达汽车销售服务有限公司 → 通达; 翡翠城 → 翡翠. */
export function quotedCore(name: string): string {
  const known = cores.get(name);
  if (known !== undefined) return known;
  const core = peel(name);
  if (cores.size >= 5000) cores.clear();
  cores.set(name, core);
  return core;
}

function peel(name: string): string {
  let n = name.normalize("NFKC").replace(/\s+/g, "");
  n = n.replace(NAME_PLACE, "");
  // The kind of place and the trade, peeled off in turn while two characters are left
  // (康寿养老服务中心 → 康寿养老服务 → 康寿养老 → 康寿).
  for (let i = 0; i < 8; i++) {
    const next = n.replace(NAME_END, "").replace(NAME_TRADE, "");
    if (next === n) break;
    if (Array.from(next).length < 2) {
      const one = n.replace(NAME_END, "");
      if (one !== n && Array.from(one).length >= 2) n = one;
      break;
    }
    n = next;
  }
  return n;
}

/** The names a text puts in quotes, said of a shop, a company, an estate or a project. */
export function quotedNames(text: string): Set<string> {
  const out = new Set<string>();
  if (!/[“「『"]/u.test(text)) return out;
  for (const m of text.matchAll(QUOTED)) {
    const name = m[1]!.normalize("NFKC").replace(/\s+/g, "");
    if (!NAME_END.test(name)) continue;
    if (SAID_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    out.add(name);
  }
  return out;
}

/** Edit distance of two short strings (code points), stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Two quoted names are one when one core holds the other (通达 / 通达汽车) or they differ by a
 * character (three- and four-character cores) or two (longer): a homophone or an OCR slip.
 */
export function sameQuoted(a: string, b: string): boolean {
  const x = quotedCore(a);
  const y = quotedCore(b);
  const n = Math.min(Array.from(x).length, Array.from(y).length);
  if (n < 2) return false;
  if (x.includes(y) || y.includes(x)) return true;
  if (n < 3) return false;
  const max = n >= 5 ? 2 : 1;
  return editDistance(x, y, max) <= max;
}

/** The other text says the quoted name without quotes (翡翠城交房两年了, 通达车行). */
export function quotedNamedIn(name: string, text: string): boolean {
  const core = quotedCore(name);
  // The text as written (a full-width ＫＴＶ is the only thing NFKC would change, and the core has
  // no letters left): normalising a whole letter per pair costs more than the rest of the test.
  return core.length >= 2 && text.includes(core);
}

const ROUTE =
  /([\p{Script=Han}]{2,4}?)至([\p{Script=Han}]{2,4}?)(?:的)?(?:公路|道路|乡道|县道|村道|省道|水泥路|通村路|路)/gu;
const ROUTE_END = /([\p{Script=Han}]{2,4})(?:那条|这条)(?:乡道|县道|村道|公路|水泥路|通村路|路)/gu;

/** A road by its ends ("石门|贾家湾") or by one end ("贾家湾"). */
export function routeNames(text: string): Set<string> {
  const out = new Set<string>();
  // The patterns only where their plain characters are (most texts name no road).
  if (text.includes("至")) for (const m of text.matchAll(ROUTE)) out.add(`${m[1]}|${m[2]}`);
  if (text.includes("那条") || text.includes("这条"))
    for (const m of text.matchAll(ROUTE_END)) if (!m[0].includes("至")) out.add(m[1]!);
  return out;
}

/** 修贾家湾 and 贾家湾 name one end: they end in the same two characters. */
function sameEnd(x: string, y: string): boolean {
  const cx = Array.from(x);
  const cy = Array.from(y);
  return cx.length >= 2 && cy.length >= 2 && cx.slice(-2).join("") === cy.slice(-2).join("");
}

/** Two roads are one when an end of one is an end of the other. */
export function sameRoute(a: string, b: string): boolean {
  const ea = a.split("|");
  const eb = b.split("|");
  return ea.some((x) => eb.some((y) => sameEnd(x, y)));
}

/**
 * 借给同村刘某 / 借给开饭店的周某: the borrower by surname — two borrowers are two debts. Only
 * after 借给 in the same clause: elsewhere X某 is anyone (a village secretary, the writer himself
 * in a clerk's record).
 */
const BORROWER =
  /(?:借给|借款给|借钱给|出借给|借予)[^，。；！？,;!?]{0,10}?([\p{Script=Han}])某(?![些个种地处项事])/gu;
const NOT_SURNAME =
  /[我你他她它这那此每该本其有是在被给和与跟把从向对将为及或就都也又还县乡镇村市区个等了某一的]/u;

export function partyNames(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes("借")) return out;
  for (const m of text.matchAll(BORROWER)) if (!NOT_SURNAME.test(m[1]!)) out.add(`${m[1]}某`);
  return out;
}

const REFERENCE = /(?:编号|单号|工单号|件号|受理号)[:：\s]*([A-Za-z]{0,4}\d{8,})/gu;

/** The reference numbers a text cites (工单编号GD2026…, 受理编号XF…). */
export function referenceNumbers(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes("号")) return out;
  for (const m of text.normalize("NFKC").matchAll(REFERENCE)) out.add(m[1]!.toUpperCase());
  return out;
}
