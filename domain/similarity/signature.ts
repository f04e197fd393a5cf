/**
 * The matter signature: what stays the same when a petitioner writes again about the same matter.
 * A follow-up changes the sum still owed (一万二千八百元 → 还差七千八), names a new date (上月,
 * 2026年3月) and shortens the company (永兴纺织有限公司 → 永兴纺织 → 永兴厂): none of these may by
 * itself make a different matter. So sums, dates and bare numbers leave the text before it is
 * compared, and companies are compared by their core name (suffix and county prefix stripped).
 */

const CN_NUM = "零〇一二两三四五六七八九十百千万亿";

const DATE_PATTERNS: RegExp[] = [
  /\d{2,4}\s*[-/.年]\s*\d{1,2}\s*(?:[-/.月]\s*\d{1,2}\s*[日号]?)?/g,
  /\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号])?/g,
  /\d{1,2}\s*[日号]/g,
  new RegExp(`[${CN_NUM}]{1,4}\\s*月(?:份|底|初|中旬|下旬|上旬)?`, "gu"),
  new RegExp(`[${CN_NUM}]{1,3}\\s*[日号]`, "gu"),
  /(?:去年|今年|前年|明年|上个?月|下个?月|本月|这个?月|月底|月初|年底|年初|上周|下周|本周|昨天|今天|前天|最近|近日)/gu,
];

const MONEY_PATTERNS: RegExp[] = [
  /\d+(?:[.,]\d+)*\s*(?:万元|千元|百元|元|万|千|块钱|块|余元|多元)?/g,
  new RegExp(`[${CN_NUM}]{1,12}\\s*(?:万元|千元|元|块钱|块|万|千|百)?(?:多|余)?(?:元|块)?`, "gu"),
];

/** The text without dates, sums and numbers (for comparing matters, never for display). */
export function matterText(text: string): string {
  let t = text.normalize("NFKC");
  for (const re of DATE_PATTERNS) t = t.replace(re, " ");
  for (const re of MONEY_PATTERNS) t = t.replace(re, " ");
  return t;
}

const ORG_SUFFIX =
  /(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|总厂|分厂|工厂|厂|合作社|煤矿|铁矿|石膏矿|矿|医院|卫生院|学校|小学|中学|幼儿园|物业|酒店|超市|商场|门店|店)$/u;
const ORG_PREFIX = /^(?:[\p{Script=Han}]{1,4}?[省市县区镇乡])(?=[\p{Script=Han}]{2,})/u;
/** 县城出租汽车公司, 原县化肥厂: where it is, not which one. */
const ORG_PLACE_WORD = /^(?:原|老)?(?:县城|县里|市里|城里|乡里|镇上|村里|本地|当地|县|市)/u;
/**
 * The kind of business (纺织, 物流 …) and the trades a company is called by when its name is not
 * known (自来水公司, 出租汽车公司, 那个茶叶公司): they say what it does, not which one it is.
 */
const ORG_KIND =
  /(?:纺织|建筑|建设|工程|房地产|置业|地产|物流|运输|化工|化肥|机械|科技|食品|服装|加工|实业|贸易|电子|矿业|建材|劳务|中介|人力资源服务|人力资源|家政|保洁|环卫|园林|绿化|养殖|种植|专业|农业|生态|环境|茶叶|茶业|自来水|供水|水务|供电|电力|燃气|供暖|热力|出租汽车|出租车|出租|客运|公交|驾校|培训|网络|小额贷款|担保|投资|理财|人民)$/u;

const chars = (s: string) => Array.from(s).length;

/**
 * The core of a company's name: 示范县永兴纺织有限公司 → 永兴纺织 → 永兴 (the kinds of business are
 * dropped too while something is left, so 永兴纺织 and 永兴厂 meet at 永兴).
 */
export function orgCore(name: string): string {
  let n = name.replace(/\s+/g, "");
  for (let i = 0; i < 3; i++) n = n.replace(ORG_SUFFIX, "");
  const withoutPlace = n.replace(ORG_PREFIX, "");
  if (chars(withoutPlace) >= 2) n = withoutPlace;
  for (let i = 0; i < 3; i++) {
    const withoutKind = n.replace(ORG_KIND, "");
    if (withoutKind === n || chars(withoutKind) < 2) break;
    n = withoutKind;
  }
  return n;
}

/**
 * What names one company among others, once its suffix, its place and its trades are gone:
 * 永兴纺织有限公司 → 永兴; 自来水公司, 县城出租汽车公司, 茶叶公司 → nothing (a trade, not a name).
 */
export function orgDistinct(name: string): string {
  let n = name.replace(/\s+/g, "");
  for (let i = 0; i < 3; i++) n = n.replace(ORG_SUFFIX, "");
  n = n.replace(ORG_PREFIX, "").replace(ORG_PLACE_WORD, "");
  for (let i = 0; i < 4; i++) {
    const next = n.replace(ORG_KIND, "");
    if (next === n) break;
    n = next;
  }
  return n;
}

/**
 * Two company names are the same when one core holds the other (永兴 / 永兴纺织; the pattern that
 * finds names cannot tell where one begins, so 反映永兴 holds 永兴 too) or the cores end in the
 * same two characters — after the trades are gone, so 恒泰建材 and 宏达建材 stay two.
 */
export function sameOrg(a: string, b: string): boolean {
  const x = orgCore(a);
  const y = orgCore(b);
  if (chars(x) < 2 || chars(y) < 2) return false;
  if (x.includes(y) || y.includes(x)) return true;
  // …or end alike (举报鑫源 / 前几年鑫源): the words before a name are not always cut away.
  const cx = Array.from(x);
  const cy = Array.from(y);
  let n = 0;
  while (n < cx.length && n < cy.length && cx[cx.length - 1 - n] === cy[cy.length - 1 - n]) n++;
  return n >= 2;
}
