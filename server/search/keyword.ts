import { COUNTY_WIDE_ROLES, SENSITIVE_VIEW_ROLES } from "../../domain/auth/roles.ts";
import { type Actor, hasRole } from "../auth/actor.ts";
import type { SqlParams } from "../db/sql.ts";
import { queryWords, searchTokens } from "./segment.ts";
import type { SynonymMap } from "./synonyms.ts";

/**
 * What a clerk typed into a keyword box, read every way it can mean something:
 *
 * - words: each token the clerk separated by spaces must match, through jieba's words
 *   (`case_search.tsv`) **or** through the character bigrams of the petition (`case_search.grams`,
 *   any substring of two or more Han characters, whatever jieba made of it);
 * - synonyms: a token (or a word of it) that belongs to a synonym group matches any word of the group;
 * - a case number: the whole number, or its last 4–7 digits;
 * - a petitioner's name: exact, only for the roles that may see names (SENSITIVE_VIEW_ROLES).
 *
 * Ranking (searchCases): case number or name first, then cases that match by words, then those
 * that match only through bigrams.
 */
export interface KeywordQuery {
  /** One per token; every one must match. */
  clauses: { words: string | null; grams: string | null }[];
  /** The words alone, as one to_tsquery('simple') text (null when a token has no word). */
  words: string | null;
  /** Words and parts to highlight. */
  terms: string[];
  caseNumber: { exact: string } | { suffix: string } | null;
  /** Exact petitioner name, already limited to the roles that may see names. */
  name: string | null;
}

const HAN_RUN = /[\u3400-\u9fff]{2,}/gu;
const safe = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();

/** `(word | (part & part))` for every jieba word of the text, ANDed (the index splits words further). */
function wordClause(text: string): string | null {
  const out: string[] = [];
  for (const word of queryWords(text)) {
    const w = safe(word);
    if (!w) continue;
    const parts = searchTokens(word)
      .map(safe)
      .filter((x) => x && x !== w);
    out.push(parts.length > 0 ? `(${w} | (${parts.join(" & ")}))` : w);
  }
  return out.length > 0 ? out.join(" & ") : null;
}

/** The bigrams of every run of two or more Han characters, ANDed, as a tsquery literal. */
function gramClause(text: string): string | null {
  const grams = new Set<string>();
  for (const run of text.matchAll(HAN_RUN)) {
    const chars = Array.from(run[0]).slice(0, 40);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  return grams.size > 0 ? [...grams].map((g) => `'${g}'`).join(" & ") : null;
}

const orOf = (xs: (string | null)[]): string | null => {
  const ok = [...new Set(xs.filter((x): x is string => !!x))];
  if (ok.length === 0) return null;
  return ok.length === 1 ? ok[0]! : ok.map((x) => `(${x})`).join(" | ");
};

/** Full case number (letters, digits and dashes) or its last digits. */
function caseNumberOf(text: string): KeywordQuery["caseNumber"] {
  const t = text.trim().toUpperCase();
  if (/^\d{4,7}$/.test(t)) return { suffix: t };
  if (/^[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(t) && /\d{4}/.test(t)) return { exact: t };
  return null;
}

/** A name is one token of letters (and the middle dot of minority names), 2–20 characters. */
function nameOf(text: string): string | null {
  const t = text.trim();
  return /^[\p{Script=Han}A-Za-z·•]{2,20}$/u.test(t) ? t : null;
}

export function parseKeyword(text: string, synonyms: SynonymMap, actor: Actor): KeywordQuery {
  const tokens = text
    .split(/[\s,，;；、]+/u)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 12);
  const clauses: KeywordQuery["clauses"] = [];
  const terms = new Set<string>();
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const group = synonyms.get(lower);
    let words: string | null;
    let grams: string | null;
    if (group) {
      words = orOf(group.map(wordClause));
      grams = orOf(group.map(gramClause));
      for (const g of group) {
        terms.add(g);
        for (const w of queryWords(g)) for (const x of [w, ...searchTokens(w)]) terms.add(x);
      }
    } else {
      // A word of the token that has synonyms (欠薪问题 → 欠薪) matches them too.
      const parts: string[] = [];
      for (const w of queryWords(token)) {
        const g = synonyms.get(w);
        const c = g ? orOf(g.map(wordClause)) : wordClause(w);
        if (c) parts.push(g ? `(${c})` : c);
        for (const x of g ?? [w]) terms.add(x);
        for (const x of searchTokens(w)) terms.add(x);
      }
      words = parts.length > 0 ? parts.join(" & ") : null;
      grams = gramClause(token);
      terms.add(lower);
    }
    if (words || grams) clauses.push({ words, grams });
  }
  const allWords = clauses.every((c) => c.words) && clauses.length > 0;
  return {
    clauses,
    words: allWords ? clauses.map((c) => `(${c.words})`).join(" & ") : null,
    terms: [...terms].filter((t) => t.length > 0),
    caseNumber: caseNumberOf(text),
    name: hasRole(actor, ...SENSITIVE_VIEW_ROLES) ? nameOf(text) : null,
  };
}

/** True when the query can match anything at all. */
export function isMatchable(k: KeywordQuery): boolean {
  return k.clauses.length > 0 || k.caseNumber !== null || k.name !== null;
}

/**
 * SQL for the keys of the cases found by number or name (at most 200), as a uuid[] expression,
 * or null. Each probe is one index lookup (`cases_case_number_reverse`, the unique number,
 * `case_petitioners_name_address`) read in the index's order, so the same data always gives the
 * same keys: a name borne by more than 200 cases (a generated benchmark, or a very common name)
 * gives its first 200 by address, not whichever rows a scan happened to meet first.
 */
export function directHitsSql(k: KeywordQuery, p: SqlParams): string | null {
  const probes: string[] = [];
  if (k.caseNumber && "exact" in k.caseNumber) {
    probes.push(`SELECT id FROM cases WHERE case_number = ${p.add(k.caseNumber.exact)}`);
  } else if (k.caseNumber) {
    const rev = [...k.caseNumber.suffix].reverse().join("");
    probes.push(
      `SELECT id FROM cases WHERE reverse(case_number) LIKE ${p.add(`${rev}%`)}
        ORDER BY reverse(case_number), id LIMIT 200`,
    );
  }
  if (k.name) {
    probes.push(
      `SELECT case_id FROM case_petitioners WHERE name = ${p.add(k.name)}
        ORDER BY name, address, case_id LIMIT 200`,
    );
  }
  if (probes.length === 0) return null;
  return `ARRAY(SELECT DISTINCT x.id FROM (${probes.map((x) => `(${x})`).join(" UNION ALL ")}) AS x(id) ORDER BY x.id LIMIT 200)`;
}

/**
 * At most this many keys are taken from the bigram index (in the index's order, not by date). Its
 * bigrams are read only when the words find fewer than GRAM_BELOW cases, so a substring in more
 * petitions than this is rare; beyond it, cases found only through their bigrams may be left out
 * of the count and the list.
 */
export const GRAM_CAP = 2_000;

/**
 * The word-or-bigram condition on the side table row `s` (null when no token is searchable):
 *
 * - every token by jieba's words (`s.tsv`, the GIN index `case_search_words`), or
 * - every token by the petition's bigrams (the table `case_search_bigrams`, its own GIN index,
 *   searched once: its keys, at most GRAM_CAP, as an array), a token without Han characters still
 *   by its words.
 *
 * A case that matches one token only by words and another only by bigrams is matched when the
 * word-matched token is in its petition too (a word of the text is also a run of its bigrams); it
 * is missed only when that token appears in a reply or a note alone.
 */
export function textMatchSql(k: KeywordQuery, p: SqlParams, s = "s", withGrams = true): string | null {
  if (k.clauses.length === 0) return null;
  const words = k.words ? `${s}.tsv @@ to_tsquery('simple', ${p.add(k.words)})` : null;
  if (!withGrams) return words;
  const gramClauses = k.clauses.filter((c) => c.grams);
  if (gramClauses.length === 0) return words;
  const grams = gramClauses.map((c) => `(${c.grams})`).join(" & ");
  const rest = k.clauses.filter((c) => !c.grams);
  // A token with no Han characters and no word (punctuation only) cannot match at all.
  if (rest.some((c) => !c.words)) return words;
  const restWords = rest.map((c) => `${s}.tsv @@ to_tsquery('simple', ${p.add(c.words)})`);
  const byGrams = [
    `${s}.id = ANY(ARRAY(SELECT b.id FROM case_search_bigrams b WHERE b.grams @@ ${p.add(grams)}::tsquery LIMIT ${GRAM_CAP}))`,
    ...restWords,
  ].join(" AND ");
  return words ? `(${words} OR (${byGrams}))` : `(${byGrams})`;
}

/**
 * The area the actor's reading is limited to, as a condition on the side table's `areas` (every
 * path prefix of the case's region, in the words' GIN index), or null when it would not narrow
 * anything: county-wide users, and users who also read cases assigned to their unit (those lie
 * anywhere). It only repeats what visibleCasesCondition already demands, so the index can AND it
 * with the words instead of the rows being visited and dropped.
 */
export function areaTermSql(actor: Actor, p: SqlParams, s = "s"): string | null {
  if (hasRole(actor, "unit_staff", "unit_leader")) return null;
  if (!hasRole(actor, ...COUNTY_WIDE_ROLES, "local_staff")) return null;
  if (!actor.areaPath.includes(".")) return null;
  const lexeme = `'${actor.areaPath.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  return `${s}.areas @@ ${p.add(lexeme)}::tsquery`;
}

/**
 * The keyword as a condition on `cases` row `c` (words, bigrams unless `withGrams` is false,
 * synonyms, case number, name for the roles that may see names): what statistics, the map and the
 * ledger export filter by. The case list's keyword box goes through the search index instead
 * (`listByKeyword`), with the same matching.
 */
export function keywordCondition(k: KeywordQuery, p: SqlParams, c = "c", withGrams = true): string {
  const alts: string[] = [];
  const text = textMatchSql(k, p, "s", withGrams);
  if (text) alts.push(`EXISTS (SELECT 1 FROM case_search s WHERE s.id = ${c}.id AND ${text})`);
  const direct = directHitsSql(k, p);
  if (direct) alts.push(`${c}.id = ANY(${direct})`);
  return alts.length === 0 ? "false" : `(${alts.join(" OR ")})`;
}
