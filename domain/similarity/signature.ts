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
const ORG_KIND =
  /(?:纺织|建筑|建设|工程|房地产|置业|地产|物流|运输|化工|机械|科技|食品|服装|实业|贸易|电子|矿业|建材|劳务|园林|绿化|养殖|农业)$/u;

/**
 * The core of a company's name: 示范县永兴纺织有限公司 → 永兴纺织 → 永兴 (the kind of business is
 * dropped too when something is left, so 永兴纺织 and 永兴厂 meet at 永兴).
 */
export function orgCore(name: string): string {
  let n = name.replace(/\s+/g, "");
  for (let i = 0; i < 3; i++) n = n.replace(ORG_SUFFIX, "");
  const withoutPlace = n.replace(ORG_PREFIX, "");
  if (Array.from(withoutPlace).length >= 2) n = withoutPlace;
  const withoutKind = n.replace(ORG_KIND, "");
  if (Array.from(withoutKind).length >= 2) n = withoutKind;
  return n;
}

/**
 * Two company names are the same when one core holds the other (永兴 / 永兴纺织; the pattern that
 * finds names cannot tell where one begins, so 反映永兴 holds 永兴 too).
 */
export function sameOrg(a: string, b: string): boolean {
  const x = orgCore(a);
  const y = orgCore(b);
  if (Array.from(x).length < 2 || Array.from(y).length < 2) return false;
  return x.includes(y) || y.includes(x);
}
