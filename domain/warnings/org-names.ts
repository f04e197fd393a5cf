/**
 * Names of the company, factory, project, housing estate or building site a petition is about, from
 * the text's segmented and tagged words (jieba `tag`: word + part of speech). A name is a word ending
 * in a type word (公司, 厂, 项目, 小区, 工地 …) together with the noun-like words right before it.
 * Names are normalised so that 「宏达建筑工程有限公司」 and 「宏达建筑工程公司」 are one subject.
 */
export interface TaggedWord {
  word: string;
  tag: string;
}

const TYPE_SUFFIXES = [
  "股份有限公司",
  "有限责任公司",
  "有限公司",
  "公司",
  "集团",
  "厂",
  "项目",
  "小区",
  "工地",
  "煤矿",
  "合作社",
  "楼盘",
] as const;

// Tags of words that can be part of a name: nouns of every kind, verbal nouns, abbreviations,
// Latin words, numerals (「三号」) and the placeholder 某/某某.
function isNameWord(t: TaggedWord): boolean {
  if (t.word === "某" || t.word === "某某") return true;
  return /^(n|vn|j|eng|nz|ns|nt|nr|an)/.test(t.tag) || (t.tag === "m" && /\d|号/.test(t.word));
}

/** Names with only a generic core (「建筑公司」, 「物业公司」) do not tell one company from another. */
const GENERIC_CORES = new Set([
  "建筑",
  "物业",
  "施工",
  "开发",
  "劳务",
  "房地产",
  "建设",
  "工程",
  "运输",
  "建筑工程",
  "安置",
  "房",
  "村",
  "该",
  "这家",
  "这个",
]);

const MAX_NAME_CHARS = 20;

const NAME_VERBS = new Set(["安置", "拆迁", "改造", "开发", "安居", "保障", "棚改"]);

function typeOf(word: string): string | null {
  for (const s of TYPE_SUFFIXES) if (word.endsWith(s)) return s;
  return null;
}

/** 「…有限公司」→「…公司」, 「…项目工地」→「…项目」: one spelling per subject. */
export function normaliseOrgName(name: string): string {
  return name
    .replace(/\s+/g, "")
    .replace(/(公司|厂|项目|小区|煤矿|集团|楼盘)工地$/u, "$1")
    .replace(/(股份有限公司|有限责任公司|有限公司)$/u, "公司");
}

export function extractOrgNames(words: readonly TaggedWord[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const type = typeOf(w.word);
    if (!type) continue;
    // 「…项目」 followed by 「工地」: one name, taken at the last type word (and normalised).
    const next = words[i + 1];
    if (next && typeOf(next.word) && isNameWord(next)) continue;
    let core = w.word.slice(0, w.word.length - type.length);
    for (let j = i - 1; j >= 0; j--) {
      const prev = words[j]!;
      // A verb inside a project's name (「城南安置房项目」) only between name words, from a short list.
      const sandwiched = NAME_VERBS.has(prev.word) && j > 0 && isNameWord(words[j - 1]!) && core.length > 0;
      if (!isNameWord(prev) && !sandwiched) break;
      if (core.length + prev.word.length + type.length > MAX_NAME_CHARS) break;
      core = prev.word + core;
    }
    if (Array.from(core).length < 2 || GENERIC_CORES.has(core)) continue;
    found.add(normaliseOrgName(core + type));
  }
  return [...found];
}
