import { STOP_WORDS } from "../../domain/similarity/shingles.ts";
import { searchTokens } from "../search/segment.ts";

/** Tokens the triage models learn from: jieba search-mode words, without stop words, digits or single characters. */
export function triageTokens(text: string): string[] {
  return searchTokens(text).filter(
    (t) => Array.from(t).length >= 2 && !STOP_WORDS.has(t) && !/^[\d.]+$/.test(t),
  );
}
