import {
  isSurelyUnrelated,
  type MatterFacts,
  personReasons,
  type RepeatScore,
  scoreRepeat,
  type TextProfile,
  textProfile,
  textSimilarity,
} from "../../domain/similarity/repeat.ts";
import type { CaseStatus } from "../../domain/workflow/statuses.ts";
import { isOpen } from "../../domain/workflow/statuses.ts";
import type { Actor } from "../auth/actor.ts";
import type { Queryable } from "../db/index.ts";
import { SqlParams } from "../db/sql.ts";
import { visibleCasesCondition } from "../policies/case-policy.ts";
import { searchTokens } from "./segment.ts";

/** A draft (or a registered case) in the form the check needs: identity as blind indexes only. */
export interface RepeatDraft {
  idIndexes: string[];
  phoneIndexes: string[];
  nameAddresses: { name: string; address: string | null }[];
  categoryId: string | null;
  problemRegionCode: string;
  text: string;
  /** A registered case is not its own candidate. */
  excludeCaseId?: string;
  /** When the letter came in (a draft at the registration form: now); dates the follow-up rule. */
  receivedAt?: Date;
  /** A registered accusation (检举控告): its repeats are linked, never merged or refused (see suggestDecision). */
  isAccusation?: boolean;
}

export type SuggestedDecision = "merge" | "repeat_of_terminated" | "link" | "keep_new";

export interface RepeatCandidate extends RepeatScore {
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
  title: string;
  categoryName: string | null;
  receivedAt: Date;
  suggestedDecision: SuggestedDecision;
}

/** What the check reads of an earlier case (with `PERSONS_SQL` as `persons`). */
export interface StoredCaseFacts {
  title: string;
  content: string;
  search_text: string;
  category_id: string | null;
  category_parent_id: string | null;
  problem_region_code: string;
  persons: { i: string | null; p: string | null; n: string; a: string | null }[] | null;
  received_at?: Date;
}

/** An earlier case's petitioners as the check needs them: blind indexes, names and addresses. */
export const PERSONS_SQL = `(SELECT json_agg(json_build_object('i', pp.id_number_bidx, 'p', pp.phone_bidx, 'n', pp.name, 'a', pp.address))
               FROM case_petitioners pp WHERE pp.case_id = c.id)`;

/** An earlier case's facts; search_text already holds the jieba tokens (no second segmentation). */
export function storedMatterFacts(r: StoredCaseFacts): MatterFacts {
  const persons = r.persons ?? [];
  return {
    idIndexes: persons.flatMap((x) => (x.i ? [x.i] : [])),
    phoneIndexes: persons.flatMap((x) => (x.p ? [x.p] : [])),
    nameAddresses: persons.map((x) => ({ name: x.n, address: x.a })),
    categoryId: r.category_id,
    categoryParentId: r.category_parent_id,
    problemRegionCode: r.problem_region_code,
    text: `${r.title}\n${r.content}`,
    tokens: r.search_text.split(" "),
    receivedAt: r.received_at ?? null,
  };
}

interface CandidateRow extends StoredCaseFacts {
  id: string;
  case_number: string;
  status: CaseStatus;
  category_name: string | null;
  received_at: Date;
  /** The draft's category's parent, read in the same statement (one round trip, not two). */
  draft_parent_id: string | null;
  is_accusation: boolean;
}

/**
 * The text profiles of earlier cases, kept between checks: the registrar's form checks the same
 * draft again at every pause in typing, and drafts of one category and place meet the same
 * candidates. Keyed by case and checked against the text itself (an anonymised case's text
 * changes), bounded, the oldest entry dropped first.
 */
const PROFILE_CACHE_SIZE = 2000;
const profileCache = new Map<string, { text: string; tokens: string; profile: TextProfile }>();

function candidateProfile(id: string, facts: MatterFacts, searchText: string): TextProfile {
  const hit = profileCache.get(id);
  if (hit && hit.text === facts.text && hit.tokens === searchText) {
    // Refresh its place: Map keeps insertion order, so the first key is the least recently used.
    profileCache.delete(id);
    profileCache.set(id, hit);
    return hit.profile;
  }
  const profile = textProfile(facts.text, facts.tokens);
  if (profileCache.size >= PROFILE_CACHE_SIZE) profileCache.delete(profileCache.keys().next().value!);
  profileCache.set(id, { text: facts.text, tokens: searchText, profile });
  return profile;
}

/** Each probe reads at most this many cases, newest first; people who petition often stay bounded. */
export const PROBE_LIMIT = 100;

/**
 * Earlier cases that may be the same person and/or the same matter, among the cases the actor may
 * read: same ID number, phone, or name + address; same category and place; same place. Each probe
 * uses its own index, and the candidates are scored in memory (domain/similarity).
 */
export async function findRepeatCandidates(
  q: Queryable,
  actor: Actor,
  draft: RepeatDraft,
  limit = 20,
): Promise<RepeatCandidate[]> {
  const p = new SqlParams();
  const ids = p.add(draft.idIndexes);
  const phones = p.add(draft.phoneIndexes);
  const withAddress = draft.nameAddresses.filter((x) => x.address);
  const names = p.add(withAddress.map((x) => x.name));
  const addresses = p.add(withAddress.map((x) => x.address));
  const region = p.add(draft.problemRegionCode);
  const lim = p.add(PROBE_LIMIT);
  const probes = [
    `(SELECT cp.case_id FROM case_petitioners cp JOIN cases x ON x.id = cp.case_id
       WHERE cp.id_number_bidx = ANY(${ids}::text[]) ORDER BY x.received_at DESC LIMIT ${lim})`,
    `(SELECT cp.case_id FROM case_petitioners cp JOIN cases x ON x.id = cp.case_id
       WHERE cp.phone_bidx = ANY(${phones}::text[]) ORDER BY x.received_at DESC LIMIT ${lim})`,
    // The same name and address as typed. An address written more or less fully (河口乡河口村 /
    // 河口乡河口村三组) is recognised in memory (domain/similarity/repeat.ts) among the candidates
    // of the other probes; a probe by name alone reads every case of a common name (王伟).
    `(SELECT cp.case_id FROM case_petitioners cp
        JOIN unnest(${names}::text[], ${addresses}::text[]) AS na(name, address)
          ON cp.name = na.name AND cp.address = na.address
        JOIN cases x ON x.id = cp.case_id ORDER BY x.received_at DESC LIMIT ${lim})`,
  ];
  if (draft.categoryId) {
    probes.push(`(SELECT id FROM cases WHERE category_id = ${p.add(draft.categoryId)}
       AND problem_region_code = ${region} ORDER BY received_at DESC LIMIT ${lim})`);
  } else {
    probes.push(
      `(SELECT id FROM cases WHERE problem_region_code = ${region} ORDER BY received_at DESC LIMIT ${lim})`,
    );
  }
  const exclude = p.add(draft.excludeCaseId ?? null);
  const draftCategory = p.add(draft.categoryId);
  const visible = visibleCasesCondition(actor, p);
  const { rows } = await q.query<CandidateRow>(
    `WITH cand AS (${probes.join(" UNION ")})
     SELECT c.id, c.case_number, c.status, c.title, c.content, c.search_text, c.category_id,
            cat.parent_id AS category_parent_id, cat.name_zh AS category_name, c.problem_region_code, c.received_at,
            ${PERSONS_SQL} AS persons,
            (SELECT d.parent_id FROM categories d WHERE d.id = ${draftCategory}::uuid) AS draft_parent_id,
            (c.nature IS NOT DISTINCT FROM 'accusation' OR c.legal_class IS NOT DISTINCT FROM 'accusation') AS is_accusation
       FROM cand JOIN cases c ON c.id = cand.case_id LEFT JOIN categories cat ON cat.id = c.category_id
      WHERE (${exclude}::uuid IS NULL OR c.id <> ${exclude}::uuid) AND ${visible}`,
    p.values,
  );
  // No candidate, nothing to compare: the draft is not even cut into words.
  if (rows.length === 0) return [];
  const parentOf = rows[0]!.draft_parent_id;
  const draftFacts: MatterFacts = {
    idIndexes: draft.idIndexes,
    phoneIndexes: draft.phoneIndexes,
    nameAddresses: draft.nameAddresses,
    categoryId: draft.categoryId,
    categoryParentId: parentOf,
    problemRegionCode: draft.problemRegionCode,
    text: draft.text,
    tokens: searchTokens(draft.text),
    receivedAt: draft.receivedAt ?? null,
  };
  const draftProfile = textProfile(draftFacts.text, draftFacts.tokens);
  const scored: RepeatCandidate[] = [];
  for (const r of rows) {
    const facts = storedMatterFacts(r);
    const profile = candidateProfile(r.id, facts, r.search_text);
    // Most candidates of the category-and-place probe are other matters: drop them before the
    // names-and-sums patterns run (the answer is the same: scoreRepeat would call them unrelated).
    const persons = personReasons(draftFacts, facts);
    const similarity = textSimilarity(draftProfile, profile);
    if (isSurelyUnrelated(persons.length > 0, similarity)) continue;
    const s = scoreRepeat(draftFacts, facts, [draftProfile, profile], similarity, persons);
    if (s.verdict === "unrelated") continue;
    scored.push({
      ...s,
      caseId: r.id,
      caseNumber: r.case_number,
      status: r.status,
      title: r.title,
      categoryName: r.category_name,
      receivedAt: r.received_at,
      suggestedDecision: suggestDecision(s, r.status, r.is_accusation !== (draft.isAccusation ?? false)),
    });
  }
  return scored
    .sort((a, b) => b.score - a.score || b.receivedAt.getTime() - a.receivedAt.getTime())
    .slice(0, limit);
}

/** What the registrar would usually do with a candidate; the registrar decides. */
export function suggestDecision(s: RepeatScore, status: CaseStatus, kindsDiffer = false): SuggestedDecision {
  if (s.verdict !== "likely_repeat") return s.verdict === "same_matter_other_person" ? "link" : "keep_new";
  // An accusation against whoever handled the earlier request, or a request after an accusation:
  // one matter for the count, but each is handled in its own way (REPEAT_KINDS_DIFFER).
  if (kindsDiffer) return "link";
  if (status === "terminated" || status === "refused_again") return "repeat_of_terminated";
  return isOpen(status) ? "merge" : "link";
}
