/**
 * Text normalisation and shingling for "same matter" comparisons. Pure functions: callers pass
 * text or tokens (jieba segmentation lives on the server, not here).
 */

const FULL_WIDTH = /[\uff01-\uff5e]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Full-width letters and digits to ASCII, lower case, punctuation and spaces removed. */
export function normalizeText(text: string): string {
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(NOT_WORD, "");
}

/** The set of character n-grams of the normalised text (a text shorter than n is one shingle). */
export function charShingles(text: string, n = 2): Set<string> {
  const chars = Array.from(normalizeText(text));
  const out = new Set<string>();
  if (chars.length === 0) return out;
  if (chars.length < n) {
    out.add(chars.join(""));
    return out;
  }
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(""));
  return out;
}

/**
 * The same character bigrams as `charShingles(text, 2)`, each as one number (two code points side
 * by side) instead of a string: the repeat check compares one draft with a hundred texts, and
 * numbers hash and compare several times faster. A text of one character is one negative key.
 */
export function charBigramKeys(text: string): Set<number> {
  const norm = normalizeText(text);
  const out = new Set<number>();
  let prev = -1;
  for (const ch of norm) {
    const cp = ch.codePointAt(0)!;
    if (prev >= 0) out.add(prev * 0x110000 + cp);
    prev = cp;
  }
  if (out.size === 0 && prev >= 0) out.add(-prev - 1);
  return out;
}

/** Words that say nothing about which matter a petition is about. */
export const STOP_WORDS = new Set([
  "的",
  "了",
  "和",
  "与",
  "及",
  "是",
  "在",
  "我",
  "我们",
  "他",
  "他们",
  "你",
  "请",
  "请求",
  "要求",
  "希望",
  "反映",
  "问题",
  "有关",
  "相关",
  "部门",
  "领导",
  "予以",
  "解决",
  "处理",
  "一",
  "个",
  "对",
  "被",
  "把",
  "至今",
  "没有",
  "未",
  "已",
  "也",
  "都",
  "就",
  "还",
  "但",
  "因",
  "为",
  "从",
  "到",
  "于",
  "给",
  "让",
  "将",
  "等",
]);

/** A token as compared, or null when it says nothing (stop word, punctuation, one character). */
function contentToken(raw: string): string | null {
  const t = normalizeText(raw);
  if (!t || STOP_WORDS.has(t)) return null;
  if (Array.from(t).length < 2 && !/^\p{N}+$/u.test(t)) return null;
  return t;
}

// The repeat check normalises the same words for every candidate: remember the answers. A
// vocabulary is bounded, and the memo is emptied when it grows past this anyway.
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string | null>();

/** The set of content tokens (stop words and single characters other than digits dropped). */
export function tokenSet(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const raw of tokens) {
    let t = memo.get(raw);
    if (t === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      t = contentToken(raw);
      memo.set(raw, t);
    }
    if (t !== null) out.add(t);
  }
  return out;
}

/** |A ∩ B|, walking the smaller set. */
export function sharedCount<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared;
}

/**
 * The larger of |A ∩ B| / |A ∪ B| (`jaccard`) and `weight` × |A ∩ B| / min(|A|, |B|) (`overlap`),
 * counting the shared elements once (0 when either set is empty, as both are).
 */
export function jaccardOrOverlap<T>(a: ReadonlySet<T>, b: ReadonlySet<T>, weight: number): number {
  if (a.size === 0 || b.size === 0) return 0;
  const shared = sharedCount(a, b);
  return Math.max(shared / (a.size + b.size - shared), weight * (shared / Math.min(a.size, b.size)));
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar (0). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** |A ∩ B| / min(|A|, |B|): a short complaint fully contained in a long letter scores 1. */
export function overlap<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / small.size;
}
