import type { TCaseSuggestion, TEntrySuggestion, TSuggestions } from "../../domain/schemas/knowledge.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { AppError } from "../plugins/errors.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { searchTokens } from "../search/segment.ts";
import { categoryFamily, currentCondition } from "./entries.ts";
import { type PersonTraces, redactPersonalData } from "./redact.ts";

/** Answered cases read to rank (the newest of the category the handler may see). */
export const CANDIDATE_CASES = 300;
export const SHOWN_CASES = 5;
export const SHOWN_ENTRIES = 8;

/** Term counts of a text's jieba search words. */
export function termVector(text: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const t of searchTokens(text)) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

/** Cosine similarity of two term vectors, 0 (nothing shared) to 1 (the same words as often). */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let dot = 0;
  for (const [t, n] of a) dot += n * (b.get(t) ?? 0);
  if (dot === 0) return 0;
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));
  return dot / (norm(a) * norm(b));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface SubjectCase {
  id: string;
  category_id: string | null;
  category_name: string | null;
  title: string;
  content: string;
}

/** The case being drafted, if the actor may read it (404 otherwise, as every case read). */
export async function loadSubjectCase(q: Queryable, actor: Actor, caseId: string): Promise<SubjectCase> {
  const p = new SqlParams();
  const { rows } = await q.query<SubjectCase>(
    `SELECT c.id, c.category_id, cat.name_zh AS category_name, c.title, c.content
       FROM cases c LEFT JOIN categories cat ON cat.id = c.category_id
      WHERE c.id = ${p.add(caseId)} AND ${visibleCasesCondition(actor, p, "c")}`,
    p.values,
  );
  if (!rows[0]) throw new AppError("CASE_NOT_FOUND");
  return rows[0];
}

/** Names and addresses of each case's petitioners (to take out of what is shown). */
async function tracesOf(q: Queryable, caseIds: string[]): Promise<Map<string, PersonTraces>> {
  const out = new Map<string, PersonTraces>();
  if (caseIds.length === 0) return out;
  const { rows } = await q.query<{ case_id: string; name: string; address: string | null }>(
    "SELECT case_id, name, address FROM case_petitioners WHERE case_id = ANY($1::uuid[])",
    [caseIds],
  );
  for (const r of rows) {
    const t = out.get(r.case_id) ?? { names: [], addresses: [] };
    t.names.push(r.name);
    if (r.address) t.addresses.push(r.address);
    out.set(r.case_id, t);
  }
  return out;
}

/**
 * What to offer a handler drafting an opinion or a reply: the answered cases of the same category
 * family most like this petition (by the cosine of their jieba words; only cases the handler may
 * read; their petitioners' names, addresses, ID and phone numbers taken out of the text), and the
 * knowledge-base entries of the family in force today, most similar first.
 */
export async function suggestFor(
  q: Queryable,
  actor: Actor,
  caseId: string,
  today: string,
  extra = "",
): Promise<TSuggestions> {
  const subject = await loadSubjectCase(q, actor, caseId);
  if (!subject.category_id) return { categoryId: null, categoryName: null, cases: [], entries: [] };
  const target = termVector(`${subject.title}\n${subject.content}\n${extra}`);

  const p = new SqlParams();
  const family = categoryFamily(p.add(subject.category_id));
  const { rows: candidates } = await q.query<{
    id: string;
    case_number: string;
    title: string;
    content: string;
    reply_opinion: TCaseSuggestion["replyOpinion"];
    reply_text: string;
    reply_legal_basis: string | null;
    replied_at: Date | null;
    bureau_rating: TCaseSuggestion["bureauRating"];
    unit_rating: TCaseSuggestion["unitRating"];
  }>(
    `SELECT c.id, c.case_number, c.title, c.content, c.reply_opinion, c.reply_text, c.reply_legal_basis,
            c.replied_at, c.bureau_rating, c.unit_rating
       FROM cases c
      WHERE c.reply_text IS NOT NULL AND c.id <> ${p.add(subject.id)} AND c.category_id IN ${family}
        AND ${visibleCasesCondition(actor, p, "c")}
      ORDER BY c.replied_at DESC NULLS LAST, c.id LIMIT ${CANDIDATE_CASES}`,
    p.values,
  );
  const ranked = candidates
    .map((c) => ({ c, s: cosine(target, termVector(`${c.title}\n${c.content}`)) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.c.case_number.localeCompare(b.c.case_number))
    .slice(0, SHOWN_CASES);
  const traces = await tracesOf(
    q,
    ranked.map((x) => x.c.id),
  );
  const cases = ranked.map(({ c, s }): TCaseSuggestion => {
    const t = traces.get(c.id) ?? { names: [], addresses: [] };
    return {
      caseId: c.id,
      caseNumber: c.case_number,
      title: redactPersonalData(c.title, t),
      replyOpinion: c.reply_opinion,
      replyText: redactPersonalData(c.reply_text, t),
      legalBasis: c.reply_legal_basis ? redactPersonalData(c.reply_legal_basis, t) : null,
      repliedAt: c.replied_at ? new Date(c.replied_at).toISOString() : null,
      bureauRating: c.bureau_rating,
      unitRating: c.unit_rating,
      similarity: round3(s),
    };
  });

  const ep = new SqlParams();
  const { rows: entryRows } = await q.query<{
    id: string;
    kind: TEntrySuggestion["kind"];
    title: string;
    body: string;
    legal_basis: string | null;
    valid_until: string | null;
  }>(
    `SELECT e.id, e.kind, e.title, e.body, e.legal_basis, to_char(e.valid_until, 'YYYY-MM-DD') AS valid_until
       FROM knowledge_entries e
      WHERE e.category_id IN ${categoryFamily(ep.add(subject.category_id))}
        AND ${currentCondition("e", ep.add(today))}
      ORDER BY e.updated_at DESC LIMIT 200`,
    ep.values,
  );
  const entries = entryRows
    .map((e) => ({ e, s: cosine(target, termVector(`${e.title}\n${e.body}`)) }))
    .sort((a, b) => b.s - a.s || a.e.title.localeCompare(b.e.title))
    .slice(0, SHOWN_ENTRIES)
    .map(
      ({ e, s }): TEntrySuggestion => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
        body: e.body,
        legalBasis: e.legal_basis,
        validUntil: e.valid_until,
        similarity: round3(s),
      }),
    );
  return { categoryId: subject.category_id, categoryName: subject.category_name, cases, entries };
}

/** The petitioners' names and addresses of one case (a template saved from it must not hold them). */
export async function caseTraces(q: Queryable, caseId: string): Promise<PersonTraces> {
  return (await tracesOf(q, [caseId])).get(caseId) ?? { names: [], addresses: [] };
}
