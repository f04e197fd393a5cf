/**
 * The features the linear models read: the segmenter's words (given by the caller, so this stays
 * pure) and the text's character 1–3-grams, which survive typos, dialect spellings and names the
 * segmenter cuts wrongly. Digits collapse to one symbol: an amount or a date is not a topic.
 */

/** Text reduced to the characters that carry meaning: CJK, letters, digits (as "0"); the rest splits. */
export function normaliseForGrams(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[0-9０-９]+([.,，][0-9０-９]+)*/g, "0")
    .split(/[^\p{Script=Han}a-z0]+/u)
    .filter((s) => s.length > 0);
}

/** Character 1–3-grams of each run of meaningful characters (never across punctuation). */
export function charGrams(text: string, maxN = 3): string[] {
  const out: string[] = [];
  for (const run of normaliseForGrams(text)) {
    const chars = Array.from(run);
    for (let n = 1; n <= maxN; n++) {
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(""));
    }
  }
  return out;
}

export interface FeatureOptions {
  words: boolean;
  /** Longest character n-gram; 0 for none. */
  charN: number;
  /**
   * Fifth round: the title's own character grams up to this length (`t:` features), beside the
   * whole text's — the gist a writer puts in the title (村会计挪用集体资金) weighs apart. The title is
   * the text's first line (the suggestion's input is title, a line break, the content). 0 or absent: none.
   */
  titleN?: number;
  /**
   * Sixth round: the character grams up to this length of the ask (`a:` features) — the last
   * sentence of the content that asks for something (要求/希望/请求/恳请/请…), or else the last
   * sentence: where a citizen's letter says what it wants after the story. 0 or absent: none.
   */
  askN?: number;
  /**
   * Sixth round: the character grams up to this length of the content's first sentence (`l:`
   * features) — where a letter often says who writes and what about. 0 or absent: none.
   */
  leadN?: number;
}

// The title's grams since the fifth round (leave-one-author-out over a, b, d, e, f, g: leaf top-1
// 86.0 → 86.4 %, no fold lower; see docs/SEARCH.md).
export const DEFAULT_FEATURES: FeatureOptions = { words: true, charN: 3, titleN: 3 };

/** The distinct feature names of a text: `w:` words and `c:` character grams, sorted. */
export function textFeatures(
  text: string,
  words: readonly string[],
  opts: FeatureOptions = DEFAULT_FEATURES,
): string[] {
  const set = new Set<string>();
  if (opts.words) for (const w of words) set.add(`w:${w}`);
  if (opts.charN > 0) for (const g of charGrams(text, opts.charN)) set.add(`c:${g}`);
  const nl = text.indexOf("\n");
  if ((opts.titleN ?? 0) > 0 && nl > 0)
    for (const g of charGrams(text.slice(0, nl), opts.titleN)) set.add(`t:${g}`);
  if ((opts.askN ?? 0) > 0) {
    const ask = askSentence(nl > 0 ? text.slice(nl + 1) : text);
    if (ask) for (const g of charGrams(ask, opts.askN)) set.add(`a:${g}`);
  }
  if ((opts.leadN ?? 0) > 0) {
    const lead = sentencesOf(nl > 0 ? text.slice(nl + 1) : text)[0];
    if (lead) for (const g of charGrams(lead, opts.leadN)) set.add(`l:${g}`);
  }
  return [...set].sort();
}

const ASK_WORDS = /要求|希望|请求|恳请|恳求|请上级|请领导|请有关|请政府|请县|请你们|请帮|请尽快|盼望|麻烦/;

/**
 * The sentence of a content that says what is asked: the last sentence with an asking word
 * (要求, 希望, 请求, 恳请, 请有关部门 …), or else the last sentence; "" for an empty content.
 */
export function askSentence(content: string): string {
  const sentences = sentencesOf(content);
  for (let i = sentences.length - 1; i >= 0; i--) if (ASK_WORDS.test(sentences[i]!)) return sentences[i]!;
  return sentences[sentences.length - 1] ?? "";
}

/** A content's sentences (split at 。！？； and line breaks), trimmed, without empty ones. */
export function sentencesOf(content: string): string[] {
  return content
    .split(/[。！？!?；;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
