import { createRequire } from "node:module";
import type { Jieba as JiebaT } from "@node-rs/jieba";

// The package is a CommonJS native addon; load it through require so ESM interop cannot split it.
const require = createRequire(import.meta.url);
const { Jieba } = require("@node-rs/jieba") as { Jieba: typeof JiebaT };
const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };

let instance: JiebaT | null = null;
function jieba(): JiebaT {
  instance ??= Jieba.withDict(dict);
  return instance;
}

const WORD = /[\p{L}\p{N}]/u;

/** Search-mode tokens (long words and their parts), lower-cased, punctuation dropped. */
export function searchTokens(text: string): string[] {
  return jieba()
    .cutForSearch(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0 && WORD.test(t));
}

/** The text stored in cases.search_text: tokens joined by spaces, fed to to_tsvector('simple'). */
export function indexText(...parts: (string | null | undefined)[]): string {
  return searchTokens(parts.filter(Boolean).join("\n")).join(" ");
}

/** Query words as segmented with HMM on, the same as the index, for a tsquery. */
export function queryWords(text: string): string[] {
  return jieba()
    .cut(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0 && WORD.test(t));
}

/**
 * A to_tsquery('simple', …) string: every query word must match; a word the index may have split
 * further also matches through its parts. Only letters and digits reach the tsquery.
 */
export function toTsQuery(text: string): string | null {
  const clauses: string[] = [];
  for (const word of queryWords(text)) {
    const safe = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "");
    const w = safe(word);
    if (!w) continue;
    const parts = searchTokens(word)
      .map(safe)
      .filter((p) => p && p !== w);
    clauses.push(parts.length > 0 ? `(${w} | (${parts.join(" & ")}))` : w);
  }
  return clauses.length > 0 ? clauses.join(" & ") : null;
}
