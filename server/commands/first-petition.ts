/**
 * 初信初访 or 重复信访 at registration. A repeat is the same person **and** the same matter (条例;
 * the national statistics): an earlier petition of the same person about something else leaves the
 * new one a first petition. The earlier cases of the same person (ID number, or a phone where one
 * side has no ID number) are read in one statement for a whole batch and scored with the repeat
 * check's matter similarity (domain/similarity/repeat.ts). Staff correct the flag with a reason
 * (调整分类) or by deciding a repeat.
 */
import { type MatterFacts, scoreRepeat, textProfile } from "../../domain/similarity/repeat.ts";
import type { Queryable } from "../db/index.ts";
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
}

/** Earlier cases of one person read per registration, newest first. */
export const EARLIER_LIMIT = 50;

interface EarlierRow {
  n: number;
  title: string;
  content: string;
  search_text: string;
  category_id: string | null;
  category_parent_id: string | null;
  draft_parent_id: string | null;
  problem_region_code: string;
  persons: { i: string | null; p: string | null; n: string; a: string | null }[] | null;
}

// Each probe looks up one blind index at a time on its own index (see REGISTER_SQL on why not
// `= ANY(array)` in a cached plan).
const EARLIER_SQL = `WITH i AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(n int, ids text[], phones_identified text[],
    phones_only text[], category_id uuid)
), hit AS (
  SELECT i.n, e.case_id FROM i CROSS JOIN LATERAL (
    SELECT x.id AS case_id FROM (
      SELECT cp.case_id FROM unnest(i.ids) AS b(v) JOIN case_petitioners cp ON cp.id_number_bidx = b.v
      UNION
      SELECT cp.case_id FROM unnest(i.phones_identified) AS b(v)
        JOIN case_petitioners cp ON cp.phone_bidx = b.v AND cp.id_number_bidx IS NULL
      UNION
      SELECT cp.case_id FROM unnest(i.phones_only) AS b(v) JOIN case_petitioners cp ON cp.phone_bidx = b.v
    ) u JOIN cases x ON x.id = u.case_id
    ORDER BY x.received_at DESC LIMIT ${EARLIER_LIMIT}) e
)
SELECT hit.n, c.title, c.content, c.search_text, c.category_id, cat.parent_id AS category_parent_id,
       (SELECT d.parent_id FROM categories d JOIN i ON i.category_id = d.id WHERE i.n = hit.n) AS draft_parent_id,
       c.problem_region_code,
       (SELECT json_agg(json_build_object('i', pp.id_number_bidx, 'p', pp.phone_bidx, 'n', pp.name, 'a', pp.address))
          FROM case_petitioners pp WHERE pp.case_id = c.id) AS persons
  FROM hit JOIN cases c ON c.id = hit.case_id LEFT JOIN categories cat ON cat.id = c.category_id`;

/**
 * For each draft: true when an earlier case is the same person and the same matter. Drafts with
 * no ID number and no phone have no earlier petition the system can know of.
 */
export async function earlierSameMatter(
  q: Queryable,
  drafts: readonly FirstPetitionDraft[],
): Promise<boolean[]> {
  const asked = drafts
    .map((d, n) => ({
      n,
      ids: d.id_indexes,
      phones_identified: d.phones_identified,
      phones_only: d.phones_only,
      category_id: d.category_id,
    }))
    .filter((x) => x.ids.length + x.phones_identified.length + x.phones_only.length > 0);
  const result = drafts.map(() => false);
  if (asked.length === 0) return result;
  const { rows } = await q.query<EarlierRow>(EARLIER_SQL, [JSON.stringify(asked)]);
  if (rows.length === 0) return result;
  const facts = new Map<number, [MatterFacts, ReturnType<typeof textProfile>]>();
  for (const r of rows) {
    if (result[r.n]) continue;
    let draft = facts.get(r.n);
    if (!draft) {
      const d = drafts[r.n]!;
      const text = `${d.title}\n${d.content}`;
      const f: MatterFacts = {
        idIndexes: d.id_indexes,
        phoneIndexes: [...d.phones_identified, ...d.phones_only],
        nameAddresses: d.petitioners.map((p) => ({ name: p.name, address: p.address })),
        categoryId: d.category_id,
        categoryParentId: r.draft_parent_id,
        problemRegionCode: d.region_code,
        text,
        tokens: searchTokens(text),
      };
      draft = [f, textProfile(text, f.tokens)];
      facts.set(r.n, draft);
    }
    const persons = r.persons ?? [];
    const text = `${r.title}\n${r.content}`;
    const tokens = r.search_text.split(" ");
    const earlier: MatterFacts = {
      idIndexes: persons.flatMap((x) => (x.i ? [x.i] : [])),
      phoneIndexes: persons.flatMap((x) => (x.p ? [x.p] : [])),
      nameAddresses: persons.map((x) => ({ name: x.n, address: x.a })),
      categoryId: r.category_id,
      categoryParentId: r.category_parent_id,
      problemRegionCode: r.problem_region_code,
      text,
      tokens,
    };
    const s = scoreRepeat(draft[0], earlier, [draft[1], textProfile(text, tokens)]);
    if (s.verdict === "likely_repeat") result[r.n] = true;
  }
  return result;
}
