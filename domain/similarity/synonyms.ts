/**
 * Words a petitioner and a clerk use for the same thing in a matter (讨薪 in a web message, 拖欠工资
 * in the clerk's summary): compared as one word by the repeat check. Only words that name the
 * same thing whoever writes them; the search's editable list (server/search/synonyms.ts) is for
 * queries, this one for comparing two petitions.
 */
const GROUPS: readonly (readonly string[])[] = [
  ["工资", "欠薪", "讨薪", "工钱", "薪水", "薪资", "工资款", "欠工资", "欠工钱", "拖欠工资", "工资拖欠"],
  ["工程款", "工程欠款", "工程尾款", "工程费"],
  ["拆迁", "征收", "拆房", "拆迁户", "被拆迁户"],
  ["安置房", "回迁房", "还建房"],
  ["低保", "最低生活保障", "低保金"],
  ["养老金", "退休金", "养老保险金", "退休工资"],
  ["医保", "医疗保险"],
  ["社保", "社会保险"],
  ["噪音", "噪声"],
  ["排污", "偷排", "乱排"],
  ["孩子", "小孩", "娃娃", "娃儿", "孩儿"],
  ["老板", "老总", "包工头", "工头"],
  ["开发商", "房企", "房地产商"],
  ["补偿款", "补偿金", "补偿费"],
  ["集资", "入股", "认购"],
];

const CANONICAL = new Map<string, string>();
for (const g of GROUPS) for (const w of g) CANONICAL.set(w, g[0]!);

/**
 * The word every member of its group is compared as (the word itself when it has none); pinyin
 * initials (below) as the word they stand for.
 */
export function matterWord(token: string): string {
  return CANONICAL.get(token) ?? token;
}

/**
 * Pinyin initials a web or chat message writes for common words (wy费, gz没发, 找了cg): read as the
 * words a clerk would write. Lower case only, and only a whole run of letters (KTV, a work-order
 * number's GD, an app's name stay as written); ambiguous or rude initials are not in the list.
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["gz", "工资"],
  ["wy", "物业"],
  ["wyf", "物业费"],
  ["dt", "电梯"],
  ["zf", "政府"],
  ["lj", "垃圾"],
  ["cg", "城管"],
  ["rq", "燃气"],
  ["jx", "驾校"],
  ["kd", "快递"],
  ["dz", "道闸"],
  ["lz", "老总"],
  ["lb", "老板"],
  ["kfs", "开发商"],
  ["cq", "拆迁"],
  ["tf", "退费"],
  ["tk", "退款"],
  ["cwh", "村委会"],
  ["sbj", "社保局"],
  ["rsj", "人社局"],
  ["jyj", "教育局"],
  ["zjj", "住建局"],
  ["hbj", "环保局"],
  ["gaj", "公安局"],
  ["pcs", "派出所"],
  ["scjg", "市场监管"],
  ["scjgj", "市场监管局"],
  ["ywk", "医务科"],
  ["yb", "医保"],
  ["bx", "报销"],
  ["jw", "纪委"],
  ["xf", "信访"],
]);

const LETTERS = /(?<![A-Za-z])[a-z]{2,5}(?![A-Za-z])/g;

/** The text with the pinyin initials it uses read as words (wy费 → 物业费); unchanged without them. */
export function readAbbreviations(text: string): string {
  if (!/[a-z]/.test(text)) return text;
  return text.replace(LETTERS, (w) => ABBREVIATIONS.get(w) ?? w);
}

// A token of pinyin initials is compared as the word it stands for, in the same lookup (wy → 物业).
for (const [initials, word] of ABBREVIATIONS) CANONICAL.set(initials, CANONICAL.get(word) ?? word);
