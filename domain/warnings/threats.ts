import { addDays } from "./dates.ts";
import type { WarningCandidate } from "./types.ts";

export interface ThreatInputCase {
  id: string;
  receivedOn: string;
  caseNumber: string;
  text: string;
}

/** The listed words that occur in the text, each once, in list order. */
export function threatWordsIn(text: string, words: readonly string[]): string[] {
  return [...new Set(words.filter((w) => w.length > 0 && text.includes(w)))];
}

/**
 * Threat flags (扬言): a case received in the last `lookbackDays` days whose title or content holds
 * a word of the list (the threat words and the safety words of the per-case suggestions). One
 * warning per case; the point is to reach the matter quickly, not to mark the person.
 */
export function detectThreats(
  cases: readonly ThreatInputCase[],
  today: string,
  words: readonly string[],
  lookbackDays: number,
): WarningCandidate[] {
  const from = addDays(today, -(lookbackDays - 1));
  const out: WarningCandidate[] = [];
  for (const c of cases) {
    if (c.receivedOn < from || c.receivedOn > today) continue;
    const hits = threatWordsIn(c.text, words);
    if (hits.length === 0) continue;
    out.push({
      kind: "threat",
      subjectKey: c.id,
      subjectLabel: c.caseNumber,
      windowStart: c.receivedOn,
      windowEnd: c.receivedOn,
      caseIds: [c.id],
      figures: { words: hits },
    });
  }
  return out;
}
