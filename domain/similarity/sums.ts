/**
 * Sums of money a letter names, as numbers (sixth round): 9600元, 24,240.00元, 1.2万, 两万四千二百四,
 * 一万八 (18,000: the spoken form that drops the last unit), 九千六, 那四万块. A follow-up written
 * months later in other words often still carries the sum of the earlier letter; a registrar with
 * the earlier case open sees it at once.
 *
 * Only sums of a thousand or more: 三个月, 十四年, 两座 are not money, and small sums are common
 * to many matters. Ranges and guesses (五六千, 快六万, 八千多) name no sum and are left out; so are
 * years, dates, areas and counts (2025年, 240平方米, 一千斤).
 */

const DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };

/** 两万四千二百四 → 24240, 一万八 → 18000, 一万零五百 → 10500; null for 五六千 (a guess). */
export function chineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 0;
  let zero = false;
  for (const c of s) {
    if (c in DIGIT) {
      if (digit !== null && digit !== 0 && DIGIT[c] !== 0) return null;
      digit = DIGIT[c]!;
      if (digit === 0) zero = true;
    } else if (c === "万") {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
      lastUnit = 10_000;
      zero = false;
    } else if (c in UNIT) {
      section += (digit ?? 1) * UNIT[c]!;
      digit = null;
      lastUnit = UNIT[c]!;
      zero = false;
    } else {
      return null;
    }
  }
  if (digit !== null && digit > 0) {
    // 一万八, 九千六: the digit after a unit is worth a tenth of it, unless a 零 came between.
    section += !zero && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  }
  return total + section;
}

const HAN_SUM = /[零〇一二两三四五六七八九十百千万]{2,}/gu;
const DIGIT_SUM = /\d[\d,，]*(?:\.\d+)?\s*(万)?/gu;
/** What follows a number that is not money: a date, an area, a weight, a count. */
const NOT_MONEY =
  /^(?:年|月|日|号|天|亩|平|米|公里|里|斤|吨|人|户|个|名|次|间|层|辆|棵|头|只|岁|小时|分钟|多|来|余)/u;
/** What comes before a guess: 快六万, 近两万, 大概一万, 约八千. */
const GUESS_BEFORE = /(?:快|(?<!附)近|将近|大概|大约|约|差不多|上|好几|几)$/u;

function add(out: Set<number>, value: number | null): void {
  if (value !== null && Number.isFinite(value) && value >= 1000) out.add(Math.round(value * 100) / 100);
}

export function moneySums(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(HAN_SUM)) {
    const at = m.index ?? 0;
    if (GUESS_BEFORE.test(text.slice(Math.max(0, at - 3), at))) continue;
    // 一万八一分不少, 三万一亩: the last digit may begin the next words.
    for (const s of [m[0], m[0].slice(0, -1)]) {
      const after = text.slice(at + s.length, at + s.length + 3);
      const value = /[千万]/u.test(s) && !NOT_MONEY.test(after) ? chineseNumber(s) : null;
      if (value !== null) {
        add(out, value);
        break;
      }
      if (!(m[0].at(-1)! in DIGIT)) break;
    }
  }
  for (const m of text.matchAll(DIGIT_SUM)) {
    const at = m.index ?? 0;
    const end = at + m[0].length;
    const after = text.slice(end, end + 3);
    const tenThousands = m[1] === "万";
    // A number only with a money word or a thousands comma: 9600元, 18,000.00, 1.2万 — not 2025年.
    const grouped = /[,，]\d{3}/u.test(m[0]);
    if (!tenThousands && !/^(?:元|块|余元)/u.test(after) && !grouped) continue;
    if (!tenThousands && NOT_MONEY.test(after)) continue;
    if (GUESS_BEFORE.test(text.slice(Math.max(0, at - 3), at))) continue;
    const n = Number(m[0].replace(/[,，\s万]/gu, ""));
    add(out, tenThousands ? n * 10_000 : n);
  }
  return out;
}

/**
 * What a count of things is measured in: land (亩, 分地), graves and buildings (座, 间, 层), trees
 * and animals (棵, 头, 只), floor area (平方米, 平米).
 */
const QUANTITY =
  /(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(亩|分地|座|间|层|棵|头|只|平方米|平米|平方)/gu;

/**
 * Counts of things a letter names, as "number+measure" (thirteenth rule round): 三亩五分地 → 3亩,
 * 六座坟 → 6座, 0.52亩, 一百六十平 is not read (平 alone is also "flat"). A follow-up told in other
 * words still says how many graves, trees or mu the matter is about. Not one (一间, 一座: any matter
 * names one thing), nor a guess or a range (五六亩, 十几棵, 快两亩, 三亩多 is read as 3亩).
 */
export function quantities(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(QUANTITY)) {
    const at = m.index ?? 0;
    if (GUESS_BEFORE.test(text.slice(Math.max(0, at - 3), at))) continue;
    // 三亩五分地: the 五分 is the area's fraction, not a count of its own.
    if (text.charAt(at - 1) === "亩") continue;
    const n = /^\d/u.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
    if (n === null || !Number.isFinite(n) || n === 1 || n === 0) continue;
    const unit = m[2] === "平米" || m[2] === "平方" ? "平方米" : m[2]!;
    out.add(`${n}${unit}`);
  }
  return out;
}
