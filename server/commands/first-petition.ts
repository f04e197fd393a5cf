/**
 * 初信初访 or 重复信访 at registration. A repeat is the same person **and** the same matter (条例;
 * the national statistics): an earlier petition of the same person about something else leaves the
 * new one a first petition. The earlier cases of the same person (ID number, or a phone where one
 * side has no ID number) are read in one statement for a whole batch and scored with the repeat
 * check's matter similarity (domain/similarity/repeat.ts). Staff correct the flag with a reason
 * (调整分类) or by deciding a repeat.
 */
import {
  type MatterFacts,
  scoreRepeat,
  type TextProfile,
  textProfile,
} from "../../domain/similarity/repeat.ts";
import type { Queryable } from "../db/index.ts";
import { PERSONS_SQL, type StoredCaseFacts, storedMatterFacts } from "../search/repeat-check.ts";
import { searchTokens } from "../search/segment.ts";

/** What the check needs of one registration being written. */
export interface FirstPetitionDraft {
  id_indexes: readonly string[];
  phones_identified: readonly string[];
  phones_only: readonly string[];
  category_id: string | null;
  region_code: string;
  title: string;
  content: string;
  petitioners: readonly { name: string; address: string | null }[];
  /** When the letter came in (ISO): dates the same person's recent follow-up. */
  received_at?: string;
}

/** Earlier cases of one person read per registration, newest first. */
export const EARLIER_LIMIT = 50;

interface CandidateRow extends StoredCaseFacts {
  id: string;
  received_at: Date;
}

// Two small statements instead of one: which earlier cases each registration's person has (each
// blind index value probed on its own index, with its own LIMIT), then those cases' facts by id,
// only when there are any. Written as one statement, its estimated cost (a hundred input rows
// times a sort per person) went past PostgreSQL's JIT threshold, and compiling it cost about 20 ms
// of CPU on every batch: registrations fell from about 1,080 to 340–730 a second in bench:intake.
const HIT_SQL = `WITH i AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(n int, ids text[], phones_identified text[],
    phones_only text[])
)
SELECT i.n, h.case_id FROM i CROSS JOIN LATERAL (
  SELECT p.case_id FROM unnest(i.ids) AS b(v) CROSS JOIN LATERAL (
    SELECT cp.case_id FROM case_petitioners cp WHERE cp.id_number_bidx = b.v LIMIT ${EARLIER_LIMIT}) p
  UNION
  SELECT p.case_id FROM unnest(i.phones_identified) AS b(v) CROSS JOIN LATERAL (
    SELECT cp.case_id FROM case_petitioners cp
     WHERE cp.phone_bidx = b.v AND cp.id_number_bidx IS NULL LIMIT ${EARLIER_LIMIT}) p
  UNION
  SELECT p.case_id FROM unnest(i.phones_only) AS b(v) CROSS JOIN LATERAL (
    SELECT cp.case_id FROM case_petitioners cp WHERE cp.phone_bidx = b.v LIMIT ${EARLIER_LIMIT}) p
) h`;

const CANDIDATES_SQL = `SELECT c.id, c.title, c.content, c.search_text, c.category_id,
       cat.parent_id AS category_parent_id, c.problem_region_code, c.received_at,
       ${PERSONS_SQL} AS persons
  FROM cases c LEFT JOIN categories cat ON cat.id = c.category_id
 WHERE c.id = ANY($1::uuid[])`;

/**
 * For each draft: true when an earlier case is the same person and the same matter. Drafts with
 * no ID number and no phone have no earlier petition the system can know of.
 */
export async function earlierSameMatter(
  q: Queryable,
  drafts: readonly FirstPetitionDraft[],
): Promise<boolean[]> {
  const result = drafts.map(() => false);
  const asked = drafts
    .map((d, n) => ({
      n,
      ids: d.id_indexes,
      phones_identified: d.phones_identified,
      phones_only: d.phones_only,
    }))
    .filter((x) => x.ids.length + x.phones_identified.length + x.phones_only.length > 0);
  if (asked.length === 0) return result;
  const hits = (await q.query<{ n: number; case_id: string }>(HIT_SQL, [JSON.stringify(asked)])).rows;
  if (hits.length === 0) return result;
  const caseIds = [...new Set(hits.map((h) => h.case_id))];
  const categoryIds = [...new Set(drafts.flatMap((d) => (d.category_id ? [d.category_id] : [])))];
  const [candidates, parents] = await Promise.all([
    q.query<CandidateRow>(CANDIDATES_SQL, [caseIds]),
    categoryIds.length > 0
      ? q.query<{ id: string; parent_id: string | null }>(
          "SELECT id, parent_id FROM categories WHERE id = ANY($1::uuid[])",
          [categoryIds],
        )
      : Promise.resolve({ rows: [] as { id: string; parent_id: string | null }[] }),
  ]);
  const byId = new Map(candidates.rows.map((c) => [c.id, c]));
  const parentOf = new Map(parents.rows.map((c) => [c.id, c.parent_id]));
  const byDraft = new Map<number, CandidateRow[]>();
  for (const h of hits) {
    const c = byId.get(h.case_id);
    if (c) byDraft.set(h.n, [...(byDraft.get(h.n) ?? []), c]);
  }
  for (const [n, list] of byDraft) {
    const d = drafts[n]!;
    const text = `${d.title}\n${d.content}`;
    const facts: MatterFacts = {
      idIndexes: d.id_indexes,
      phoneIndexes: [...d.phones_identified, ...d.phones_only],
      nameAddresses: d.petitioners.map((p) => ({ name: p.name, address: p.address })),
      categoryId: d.category_id,
      categoryParentId: d.category_id ? (parentOf.get(d.category_id) ?? null) : null,
      problemRegionCode: d.region_code,
      text,
      tokens: searchTokens(text),
      receivedAt: d.received_at ? new Date(d.received_at) : null,
    };
    const profile = textProfile(text, facts.tokens);
    // The newest earlier cases first, as many as the check reads for one person.
    const newest = list
      .sort((a, b) => b.received_at.getTime() - a.received_at.getTime())
      .slice(0, EARLIER_LIMIT);
    result[n] = newest.some((r) => {
      const earlier = storedMatterFacts(r);
      const profiles: [TextProfile, TextProfile] = [profile, textProfile(earlier.text, earlier.tokens)];
      return scoreRepeat(facts, earlier, profiles).verdict === "likely_repeat";
    });
  }
  return result;
}
